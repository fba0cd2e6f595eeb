// Correlated subqueries: a subquery may read the columns of the queries around it. Each outer column it reads
// becomes a parameter: an expression over the outer row, computed for each outer row and set before the subquery runs.

/// OuterScope is what a subquery sees of the query around it: that query's tables, and the scope around that one.
final class OuterScope {
    let tables: [TableBinding]
    let using: [(name: String, expr: BoundExpr)]
    /// grouped is set when the outer row is a group, whose only columns are its GROUP BY keys.
    let grouped: Bool
    let groupColumns: [Int: Int]
    let parent: OuterScope?
    let values = OuterValues()
    /// parameters are the outer expressions that the subquery reads, in the outer query's row.
    var parameters: [BoundExpr] = []

    init(_ scope: Binder.Scope, parent: OuterScope?) {
        tables = scope.tables
        using = scope.using
        grouped = scope.grouped && !scope.insideAggregate
        groupColumns = scope.groupColumns
        self.parent = parent
    }

    /// resolve finds a name among the outer tables, then further out; it gives the parameter that reads it, or nil
    /// when no query around has the name.
    func resolve(_ name: String, table: String?, at range: SourceRange) throws -> BoundExpr? {
        let here: Bool
        if let table {
            here = tables.contains { $0.name.lowercased() == table.lowercased() }
        } else {
            here = using.contains { $0.name == name.lowercased() } || !Binder.lookUpColumn(name, in: tables).isEmpty
        }
        var value: BoundExpr
        if here {
            if table == nil, let merged = using.first(where: { $0.name == name.lowercased() }) {
                value = BoundExpr(kind: merged.expr.kind, type: merged.expr.type, range: range)
            } else {
                switch try Binder.resolveColumn(name, table: table, at: range, in: tables) {
                case .column(let i, let type): value = BoundExpr(kind: .column(i), type: type, range: range)
                case .sourceRef(let offset):
                    value = BoundExpr(kind: tables.count == 1 ? .sourceRef : .sourceRefOf(offset), type: .text, range: range)
                }
            }
            if grouped {
                guard case .column(let i) = value.kind, let key = groupColumns[i] else {
                    throw Diagnostic("a subquery here reads the outer query's groups, and '\(name)' is not one of its GROUP BY columns",
                                     at: range, notes: ["group the outer query by \(name), or move the subquery into WHERE"])
                }
                value = BoundExpr(kind: .groupKey(key), type: value.type, range: range)
            }
        } else if let parent, let further = try parent.resolve(name, table: table, at: range) {
            value = further
        } else {
            return nil
        }
        parameters.append(value)
        return BoundExpr(kind: .outer(values, parameters.count - 1), type: value.type, range: range)
    }
}
