// The one table of operator precedence: the parser climbs its levels, and canonical SQL puts in the parentheses that
// it says are needed. A new operator is a row here.

/// Precedence is a level of the expression grammar, from the loosest (`OR`) to the tightest (a primary).
public enum Precedence: Int, Comparable, CaseIterable, Sendable {
    /// `a OR b OR …`
    case or = 1
    /// `a AND b AND …`
    case and
    /// `NOT a`, a prefix operator.
    case not
    /// `a = b`, `a BETWEEN b AND c`, `a IN (…)`, `a LIKE b`, `a IS NULL`: one of them, never chained.
    case comparison
    /// `a || b || …`
    case concat
    /// `a + b - …`
    case additive
    /// `a * b / c // …`
    case multiplicative
    /// `-a`, `+a`, prefix operators.
    case unary
    /// Literals, names, calls, CASE, CAST, `( … )`, and the postfix `::type`.
    case primary

    public static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }

    /// operators are the level's infix operators, with the tokens that spell them. The levels with operators other
    /// than comparison are chains: their operators apply from the left.
    public var operators: [(token: TokenKind, op: BinaryOp)] {
        switch self {
        case .or: return [(.keyword(.or), .or)]
        case .and: return [(.keyword(.and), .and)]
        case .comparison:
            return [(.symbol(.equal), .equal), (.symbol(.notEqual), .notEqual), (.symbol(.notEqualSQL), .notEqual),
                    (.symbol(.less), .less), (.symbol(.lessEqual), .lessEqual),
                    (.symbol(.greater), .greater), (.symbol(.greaterEqual), .greaterEqual)]
        case .concat: return [(.symbol(.concat), .concat)]
        case .additive: return [(.symbol(.plus), .add), (.symbol(.minus), .subtract)]
        case .multiplicative:
            return [(.symbol(.star), .multiply), (.symbol(.slash), .divide), (.symbol(.doubleSlash), .integerDivide)]
        case .not, .unary, .primary: return []
        }
    }

    /// rows holds `operators` of every level, by rawValue - 1, so that the parser does not build them again for each
    /// operand it reads.
    static let rows: [[(token: TokenKind, op: BinaryOp)]] = allCases.map(\.operators)

    /// isChain tells the levels whose operators repeat, `a + b + c`, from those that take one operator or none.
    public var isChain: Bool { self != .comparison && !Self.rows[rawValue - 1].isEmpty }

    /// tighter is the next level in; the operands of a level are of that level.
    public var tighter: Precedence { Precedence(rawValue: rawValue + 1) ?? .primary }

    /// level holds each operator's level, read off the table.
    static let level: [BinaryOp: Precedence] = {
        var level: [BinaryOp: Precedence] = [:]
        for p in allCases { for (_, op) in p.operators { level[op] = p } }
        return level
    }()

    /// op finds the operator that `kind` spells at this level, if any.
    func op(spelledBy kind: TokenKind) -> BinaryOp? {
        for (token, op) in Self.rows[rawValue - 1] where token == kind { return op }
        return nil
    }
}

extension BinaryOp {
    /// precedence is the operator's level in the table.
    public var precedence: Precedence { Precedence.level[self]! }

    /// isComparison tells the comparison operators apart.
    public var isComparison: Bool { precedence == .comparison }
}
