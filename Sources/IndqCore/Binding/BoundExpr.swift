// The bound expression tree: an expression with its names resolved into references to the row, its type and
// its place; what the plan holds and the executor evaluates.

/// BoundExpr is an expression resolved against a select: names are references into the row being evaluated,
/// literals are values, and every node knows its type and its place in the source.
public struct BoundExpr: Sendable {
    public indirect enum Kind: Sendable {
        /// A column of the dataset's row.
        case column(Int)
        /// A GROUP BY key of the current group.
        case groupKey(Int)
        /// An aggregate computed over the current group.
        case aggregate(Int)
        /// A window function's value for the current row.
        case window(Int)
        /// The pseudo-column `bron`: the row's short source reference.
        case sourceRef
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
