// The plan model: a bound query (QueryPlan) of selects (SelectPlan) with their aggregates, window functions and
// subqueries; what the binder produces and the logical plan and the executor read.

/// SubqueryPlan is a checked subquery. One that reads no outer column is computed once, on first use; a correlated
/// one is computed for each distinct set of outer values it reads.
public final class SubqueryPlan: @unchecked Sendable {
    public let plan: QueryPlan
    var cached: [[Value]]?
    /// members is the first column as a hash set, for IN (SELECT …).
    var members: (keys: Set<ValueKey>, hasNull: Bool, count: Int)?
    /// integerMembers is the same set when every member is a whole number, for a look-up without a Value per row.
    var integerMembers: Int64Table?
    /// approximate tells, once the subquery has run, whether its value was computed from approximate figures.
    var approximate = false
    /// parameters are the outer row's expressions that a correlated subquery reads, and values where they are set
    /// before each run; empty for a subquery that reads none.
    let parameters: [BoundExpr]
    let values: OuterValues?
    /// results holds a correlated subquery's rows per parameter values, so that equal outer values run it once.
    var results: [[ValueKey]: [[Value]]] = [:]
    var isCorrelated: Bool { !parameters.isEmpty }
    init(_ plan: QueryPlan, parameters: [BoundExpr] = [], values: OuterValues? = nil) {
        self.plan = plan
        self.parameters = parameters
        self.values = values
    }
}

/// AggregatePlan is one aggregate of a grouped select.
public struct AggregatePlan: Sendable {
    public var function: FunctionEntry
    public var name: String { function.name }
    /// argument is the first argument; nil for count(*).
    public var argument: BoundExpr?
    /// extra are the arguments after the first: quantile_cont's q, string_agg's separator, arg_max's y.
    public var extra: [BoundExpr] = []
    public var distinct: Bool
    public var filter: BoundExpr?
    public var type: ValueType
    public var range: SourceRange
}

/// WindowPlan is one window function of a select.
public struct WindowPlan: Sendable {
    public var function: FunctionEntry
    public var name: String { function.name }
    public var arguments: [BoundExpr]
    public var partitionBy: [BoundExpr]
    public var orderBy: [(BoundExpr, descending: Bool)]
    public var type: ValueType
    public var range: SourceRange
}

/// SelectPlan is one checked select.
public struct SelectPlan: Sendable {
    /// nil for a select without FROM, which sees one empty row; for a table function, its schema.
    public var dataset: Dataset?
    /// table is what FROM reads when it reads one table; nil without FROM, and for a join or a derived table.
    public var table: (any Table)?
    /// from is the plan that makes FROM's rows: a scan, a join of scans and derived tables; nil without FROM.
    public var from: LogicalPlan?
    public var filter: BoundExpr?
    /// grouped is true for GROUP BY, and for aggregates without GROUP BY (one group of all rows).
    public var grouped: Bool
    public var groupKeys: [BoundExpr]
    public var aggregates: [AggregatePlan]
    public var having: BoundExpr?
    public var windows: [WindowPlan]
    /// qualify filters the rows once their window functions are known.
    public var qualify: BoundExpr?
    public var outputs: [(name: String, expr: BoundExpr)]
    public var distinct: Bool
}

/// QueryPlan is a checked query, ready to run.
public struct QueryPlan: Sendable {
    /// SortKey is an ORDER BY entry: a result column, or an expression over the (single) select's rows.
    public enum SortKey: Sendable {
        case output(Int)
        case expr(BoundExpr)
    }

    public var selects: [SelectPlan]
    /// setOps[i] joins the rows of selects[i] and selects[i + 1].
    public var setOps: [SetOperation] = []
    public var columns: [ResultColumn]
    public var order: [(key: SortKey, descending: Bool)]
    public var limit: Int?
    public var offset: Int?
    /// warnings are hints that do not stop the query, e.g. a percentage compared with 80.
    public var warnings: [Diagnostic]
    /// notes tell about the figures the query reads, e.g. a year the dataset does not have (Notes.swift); they
    /// are written after the result.
    public var notes: [Diagnostic] = []
}

/// OuterValues holds the outer row's values that a correlated subquery reads, set before each of its runs.
public final class OuterValues: @unchecked Sendable {
    var values: [Value] = []
}

/// SharedResult is the rows of a query in FROM that more than one reference reads, as a CTE used twice: made on first
/// use and kept, so that each reference does not run the query again.
public final class SharedResult: @unchecked Sendable {
    var uses: Int
    var batches: [Batch]?
    init(uses: Int) { self.uses = uses }
}

extension SelectPlan {
    /// expressions are every expression the select computes: outputs, keys, conditions, aggregates and windows.
    var expressions: [BoundExpr] {
        var exprs: [BoundExpr] = outputs.map(\.expr) + groupKeys
        exprs += [filter, having, qualify].compactMap { $0 }
        for a in aggregates { exprs += [a.argument, a.filter].compactMap { $0 } + a.extra }
        for w in windows { exprs += w.arguments + w.partitionBy + w.orderBy.map(\.0) }
        return exprs
    }
}
