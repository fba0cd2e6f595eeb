// Scopes: what names mean while one clause of a select is bound: the tables that FROM brings in, the GROUP BY
// keys, the aggregates and windows found so far, and the select list's aliases.

extension Binder {
    /// Scope is what names mean while binding one clause of a select.
    struct Scope {
        var dataset: Dataset?
        /// The clause being bound, for messages: "WHERE", "GROUP BY", "the select list".
        var clause: String
        var grouped = false
        var groupKeys: [(key: String, expr: BoundExpr)] = []
        /// chainKeyLengths are the numbers of links of GROUP BY keys that are chains, so that the start of a longer
        /// chain can be read from its group: `year + 1 + 2` after `GROUP BY year + 1`.
        var chainKeyLengths: Set<Int> = []
        var aggregates: [AggregatePlan] = []
        var windows: [WindowPlan] = []
        var allowAggregates = false
        var allowWindows = false
        /// insideAggregate is set while binding an aggregate's argument, where a group's rows are visible again.
        var insideAggregate = false
        /// aliases are the select list's `AS` names, which WHERE, GROUP BY, HAVING, QUALIFY and ORDER BY may use as
        /// DuckDB allows; a column of the dataset with the same name wins.
        var aliases: [(name: String, expr: Expr)] = []
    }
}
