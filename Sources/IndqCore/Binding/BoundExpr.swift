// The bound expression tree: an expression with its names resolved into references to the row, its type and
// its place; what the plan holds and the executor evaluates.

/// BoundExpr is an expression resolved against a select: names are references into the row being evaluated,
/// literals are values, and every node knows its type and its place in the source.
public struct BoundExpr: Sendable {
    public indirect enum Kind: Sendable {
        /// A column of the row the select reads: the columns of its tables in scope, one table after another.
        case column(Int)
        /// A GROUP BY key of the current group.
        case groupKey(Int)
        /// An aggregate computed over the current group.
        case aggregate(Int)
        /// A window function's value for the current row.
        case window(Int)
        /// The pseudo-column `bron`: the row's short source reference.
        case sourceRef
        /// `t.bron` under a join: the source reference of the row of the table whose columns start at this column.
        case sourceRefOf(Int)
        /// A column of the query around a correlated subquery: parameter i, set from the outer row before each run.
        case outer(OuterValues, Int)
        case constant(Value)
        case negate(BoundExpr)
        case not(BoundExpr)
        case binary(BinaryOp, BoundExpr, BoundExpr)
        /// A chain of operators of one precedence level, applied from the left, without recursion.
        case chain(BoundExpr, [BoundLink])
        case between(BoundExpr, BoundExpr, BoundExpr, negated: Bool)
        case inList(BoundExpr, [BoundExpr], negated: Bool)
        case isNull(BoundExpr, negated: Bool)
        case like(BoundExpr, BoundExpr, caseInsensitive: Bool, negated: Bool)
        /// A scalar function of the registry, applied to its arguments.
        case scalar(FunctionEntry, [BoundExpr])
        case caseWhen([(BoundExpr, BoundExpr)], BoundExpr?)
        case cast(BoundExpr, CastType)
        /// Converts a value to the type that CASE, COALESCE or UNION ALL settled on.
        case coerce(BoundExpr)
        case subquery(SubqueryPlan)
        /// `EXISTS (SELECT …)`
        case exists(SubqueryPlan)
        case inSubquery(BoundExpr, SubqueryPlan, negated: Bool)
    }

    public var kind: Kind
    public var type: ValueType
    public var range: SourceRange
}

/// BoundLink is one `op operand` of a chain, with the type and place of the chain up to and including it, so that
/// an overflow names the part that overflowed.
public struct BoundLink: Sendable {
    public var op: BinaryOp
    public var operand: BoundExpr
    public var type: ValueType
    public var range: SourceRange
}

extension BoundExpr {
    /// children are the expressions directly inside this one, in the order they are written. A subquery is a query
    /// of its own and is not looked into (the left side of `x IN (select …)` is a child), and an aggregate or a
    /// window function is an index into its select's plan, whose arguments are not children either.
    public var children: [BoundExpr] {
        switch kind {
        case .column, .groupKey, .aggregate, .window, .sourceRef, .sourceRefOf, .outer, .constant, .subquery, .exists: return []
        case .negate(let x), .not(let x), .isNull(let x, _), .cast(let x, _), .coerce(let x), .inSubquery(let x, _, _): return [x]
        case .binary(_, let a, let b), .like(let a, let b, _, _): return [a, b]
        case .chain(let first, let links): return [first] + links.map(\.operand)
        case .between(let x, let low, let high, _): return [x, low, high]
        case .inList(let x, let items, _): return [x] + items
        case .scalar(_, let args): return args
        case .caseWhen(let branches, let otherwise): return branches.flatMap { [$0.0, $0.1] } + (otherwise.map { [$0] } ?? [])
        }
    }

    /// forEach calls `body` on this expression and on every expression inside it, each before its children.
    public func forEach(_ body: (BoundExpr) throws -> Void) rethrows {
        try body(self)
        for child in children { try child.forEach(body) }
    }

    /// contains tells whether this expression, or one inside it, satisfies `predicate`; it stops at the first that does.
    public func contains(where predicate: (BoundExpr) throws -> Bool) rethrows -> Bool {
        if try predicate(self) { return true }
        for child in children where try child.contains(where: predicate) { return true }
        return false
    }
}
