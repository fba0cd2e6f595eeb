// Checker: syntax tree → plan. Resolves names against the catalogue and checks types before any row is read,
// so that every mistake in a query is reported with its place and no partial result.

/// BoundExpr is an expression resolved against a dataset: columns are indexes, literals are values, and every
/// node knows its type and its place in the source.
public struct BoundExpr: Sendable {
    public indirect enum Kind: Sendable {
        case column(Int)
        case constant(Value)
        case negate(BoundExpr)
        case not(BoundExpr)
        case binary(BinaryOp, BoundExpr, BoundExpr)
        case between(BoundExpr, BoundExpr, BoundExpr, negated: Bool)
        case inList(BoundExpr, [BoundExpr], negated: Bool)
        case isNull(BoundExpr, negated: Bool)
    }

    public var kind: Kind
    public var type: ValueType
    public var range: SourceRange
}

/// Plan is a checked query, ready to run.
public struct Plan: Sendable {
    /// SortKey is an ORDER BY entry: a result column, or an expression over the dataset's columns.
    public enum SortKey: Sendable {
        case output(Int)
        case expr(BoundExpr)
    }

    public var dataset: Dataset
    public var outputs: [(name: String, expr: BoundExpr)]
    public var filter: BoundExpr?
    public var distinct: Bool
    public var order: [(key: SortKey, descending: Bool)]
    public var limit: Int?
    public var offset: Int?
    /// warnings are hints that do not stop the query, e.g. a percentage compared with 80.
    public var warnings: [Diagnostic]
}

/// Checker resolves and type-checks queries against a catalogue.
public struct Checker {
    let catalogue: Catalogue
    let source: SourceText
    var warnings: [Diagnostic] = []

    public init(catalogue: Catalogue, source: SourceText) {
        self.catalogue = catalogue
        self.source = source
    }

    /// check turns a query into a plan, or throws the first error found.
    public mutating func check(_ query: Query) throws -> Plan {
        let select = query.selects[0]
        guard let fromName = select.from else { throw Diagnostic("expected FROM", at: select.range) }
        let dataset = try resolveDataset(fromName)
        var outputs: [(name: String, expr: BoundExpr)] = []
        for item in select.items {
            switch item {
            case .star:
                for (i, c) in dataset.columns.enumerated() {
                    outputs.append((c.name, BoundExpr(kind: .column(i), type: c.type, range: select.range)))
                }
            case .expr(let e, let alias):
                outputs.append((alias?.text ?? text(of: e), try bind(e, in: dataset)))
            }
        }
        var filter: BoundExpr?
        if let w = select.whereClause {
            let b = try bind(w, in: dataset)
            guard b.type == .boolean || b.type == .null else {
                throw Diagnostic("expected a condition after WHERE, found an expression of type \(b.type.rawValue)", at: w.range)
            }
            filter = b
        }
        var order: [(key: Plan.SortKey, descending: Bool)] = []
        for item in query.orderBy {
            order.append((try sortKey(item.expr, outputs: outputs, dataset: dataset), item.descending))
        }
        return Plan(dataset: dataset, outputs: outputs, filter: filter, distinct: select.distinct, order: order,
                    limit: try count(query.limit), offset: try count(query.offset), warnings: warnings)
    }

    /// resolveDataset finds the dataset a FROM names, or says which one was probably meant.
    public func resolveDataset(_ name: Name) throws -> Dataset {
        if let d = catalogue.dataset(named: name.text) { return d }
        var notes: [String] = []
        if let s = suggestion(for: name.text, among: catalogue.allNames) { notes.append("did you mean \(s)?") }
        notes.append("show datasets lists them all")
        throw Diagnostic("unknown dataset '\(name.text)'", at: name.range, notes: notes)
    }

    /// text returns the source text of an expression, which names its result column as the query wrote it.
    func text(of e: Expr) -> String {
        String(decoding: source.bytes[e.range.start..<min(e.range.end, source.bytes.count)], as: UTF8.self)
    }

    /// count reads a LIMIT or OFFSET value.
    func count(_ e: Expr?) throws -> Int? {
        guard let e else { return nil }
        guard case .literal(.integer(let t)) = e.kind, let n = Int(t) else {
            throw Diagnostic("expected a whole number no larger than \(Int.max)", at: e.range)
        }
        return n
    }

    /// sortKey resolves an ORDER BY entry: a position (`2`), a result column's name or alias, or an expression.
    mutating func sortKey(_ e: Expr, outputs: [(name: String, expr: BoundExpr)], dataset: Dataset) throws -> Plan.SortKey {
        if case .literal(.integer(let t)) = e.kind {
            guard let n = Int(t), n >= 1, n <= outputs.count else {
                throw Diagnostic("ORDER BY position \(t) is not in the select list (expected 1 to \(outputs.count))", at: e.range)
            }
            return .output(n - 1)
        }
        if case .column(let name) = e.kind,
           let i = outputs.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            return .output(i)
        }
        return .expr(try bind(e, in: dataset))
    }

    // MARK: Expressions

    /// bind resolves names in an expression and works out its type.
    public mutating func bind(_ e: Expr, in dataset: Dataset) throws -> BoundExpr {
        switch e.kind {
        case .column(let name):
            guard let i = dataset.columnIndex(named: name) else {
                var notes: [String] = []
                if let s = suggestion(for: name, among: dataset.columnNames) { notes.append("did you mean \(s)?") }
                notes.append("\(dataset.name) has columns " + dataset.columns.map(\.name).joined(separator: ", "))
                throw Diagnostic("unknown column '\(name)' in \(dataset.name)", at: e.range, notes: notes)
            }
            return BoundExpr(kind: .column(i), type: dataset.columns[i].type, range: e.range)
        case .literal(let lit):
            let v = try literalValue(lit, at: e.range)
            return BoundExpr(kind: .constant(v), type: v.type, range: e.range)
        case .unary(.not, let operand):
            let b = try bind(operand, in: dataset)
            try expect(b, isBoolean: "NOT")
            return BoundExpr(kind: .not(b), type: .boolean, range: e.range)
        case .unary(let op, let operand):
            let b = try bind(operand, in: dataset)
            guard b.type.isNumeric else {
                throw Diagnostic("cannot apply unary '\(op.rawValue)' to \(b.type.rawValue); expected a number", at: e.range)
            }
            return op == .plus ? b : BoundExpr(kind: .negate(b), type: b.type, range: e.range)
        case .binary(let op, let l, let r):
            return try bindBinary(op, l, r, in: dataset, range: e.range)
        case .between(let x, let low, let high, let negated):
            let bx = try bind(x, in: dataset), bl = try bind(low, in: dataset), bh = try bind(high, in: dataset)
            try expectComparable(bx, bl, op: "BETWEEN")
            try expectComparable(bx, bh, op: "BETWEEN")
            return BoundExpr(kind: .between(bx, bl, bh, negated: negated), type: .boolean, range: e.range)
        case .inList(let x, let list, let negated):
            let bx = try bind(x, in: dataset)
            var items: [BoundExpr] = []
            for item in list {
                let b = try bind(item, in: dataset)
                try expectComparable(bx, b, op: "IN")
                items.append(b)
            }
            return BoundExpr(kind: .inList(bx, items, negated: negated), type: .boolean, range: e.range)
        case .isNull(let x, let negated):
            return BoundExpr(kind: .isNull(try bind(x, in: dataset), negated: negated), type: .boolean, range: e.range)
        }
    }

    mutating func bindBinary(_ op: BinaryOp, _ l: Expr, _ r: Expr, in dataset: Dataset, range: SourceRange) throws -> BoundExpr {
        let bl = try bind(l, in: dataset)
        let br = try bind(r, in: dataset)
        let type: ValueType
        switch op {
        case .and, .or:
            try expect(bl, isBoolean: op.rawValue)
            try expect(br, isBoolean: op.rawValue)
            type = .boolean
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            try expectComparable(bl, br, op: op.rawValue)
            hintPercentage(bl, br)
            hintPercentage(br, bl)
            type = .boolean
        case .concat:
            type = .text
        case .add, .subtract, .multiply, .divide, .integerDivide:
            guard bl.type.isNumeric, br.type.isNumeric else {
                let bad = bl.type.isNumeric ? br : bl
                throw Diagnostic("cannot apply '\(op.rawValue)' to \(bl.type.rawValue) and \(br.type.rawValue); expected numbers",
                                 at: bad.range)
            }
            if op == .integerDivide, !(bl.type == .integer || bl.type == .null) || !(br.type == .integer || br.type == .null) {
                throw Diagnostic("'//' divides whole numbers, found \(bl.type.rawValue) and \(br.type.rawValue); use '/' for decimals",
                                 at: range)
            }
            type = arithmeticType(op, bl.type, br.type)
        }
        return BoundExpr(kind: .binary(op, bl, br), type: type, range: range)
    }

    /// arithmeticType is the static type of `l op r`; `number` when it depends on the row.
    func arithmeticType(_ op: BinaryOp, _ l: ValueType, _ r: ValueType) -> ValueType {
        if l == .null { return r == .null ? .null : arithmeticType(op, r, r) }
        if r == .null { return arithmeticType(op, l, l) }
        if l == .number || r == .number { return .number }
        switch op {
        case .divide: return .decimal
        case .integerDivide: return l == .integer && r == .integer ? .integer : .decimal
        case .add, .subtract:
            if l == .integer && r == .integer { return .integer }
            if l == .percentage && r == .percentage { return .percentage }
            return .decimal
        default:
            return l == .integer && r == .integer ? .integer : .decimal
        }
    }

    func expect(_ b: BoundExpr, isBoolean op: String) throws {
        guard b.type == .boolean || b.type == .null else {
            throw Diagnostic("expected a condition for \(op), found an expression of type \(b.type.rawValue)", at: b.range)
        }
    }

    func expectComparable(_ a: BoundExpr, _ b: BoundExpr, op: String) throws {
        let ok = a.type == .null || b.type == .null || (a.type.isNumeric && b.type.isNumeric) || a.type == b.type
        guard ok else {
            let hint = a.type == .text || b.type == .text ? " (write numbers without quotes, and text in 'single quotes')" : ""
            throw Diagnostic("cannot compare \(a.type.rawValue) with \(b.type.rawValue) using \(op)\(hint)", at: a.range.to(b.range))
        }
    }

    /// hintPercentage warns when a percentage is compared with a plain number above 1: `inwilligingen > 80`.
    mutating func hintPercentage(_ pct: BoundExpr, _ other: BoundExpr) {
        guard pct.type == .percentage, case .constant(let v) = other.kind, other.type == .integer || other.type == .decimal,
              let d = v.asDouble, d > 1, let shown = v.display else { return }
        warnings.append(Diagnostic("percentages are fractions, so \(shown) means \(formatPercentage(d))",
                                   at: other.range, notes: ["did you mean \(shown)%?"], severity: .warning))
    }

    /// literalValue converts a literal's text to a value, refusing integers that do not fit.
    func literalValue(_ lit: Literal, at range: SourceRange) throws -> Value {
        switch lit {
        case .integer(let t):
            guard let i = Int64(t) else {
                throw Diagnostic("integer \(t) is out of range (limit is \(Int64.max))", at: range)
            }
            return .integer(i)
        case .decimal(let t):
            guard let d = Double(t), d.isFinite else { throw Diagnostic("number \(t) is out of range", at: range) }
            return .decimal(d)
        case .percentage(let t):
            guard let d = parseDecimalShifted(t, shift: 2), d.isFinite else { throw Diagnostic("percentage \(t)% is out of range", at: range) }
            return .percentage(d)
        case .string(let s): return .text(s)
        case .boolean(let b): return .boolean(b)
        case .null: return .null
        }
    }
}
