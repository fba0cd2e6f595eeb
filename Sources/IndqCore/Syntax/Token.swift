// Tokens: the lexer's output. A token is its kind, its text and where it stands in the source.

/// TokenKind classifies a token. Keywords are identifiers whose text is in `Keyword`.
public enum TokenKind: Equatable, Sendable {
    case identifier
    /// A name in double quotes: never a keyword.
    case quotedIdentifier
    case keyword(Keyword)
    case integer
    case decimal
    /// A number written with `%` right after it, e.g. `95%`: the language's one extension to SQL.
    case percentage
    case string
    case symbol(Symbol)
    case endOfInput
}

/// Keyword lists the reserved words. Statement words such as `show` and `describe` are recognised by the parser
/// in context, so that they stay usable as names.
public enum Keyword: String, CaseIterable, Sendable {
    case select, from, `where`, and, or, not, between, `in`, `is`, null, order, by, asc, desc, limit, `as`
    case `true`, `false`, distinct, all, group, having, offset, `case`, when, then, `else`, end, cast, like, ilike
    case union, intersect, except, qualify, over, partition, filter, nulls, first, last

    /// sql is the keyword as canonical SQL prints it.
    public var sql: String { rawValue.uppercased() }

    /// lookup holds every keyword by its lower-case spelling.
    static let lookup: [String: Keyword] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
}

/// Symbol lists the operators and punctuation.
public enum Symbol: String, CaseIterable, Sendable {
    case leftParen = "(", rightParen = ")", comma = ",", semicolon = ";", dot = "."
    case plus = "+", minus = "-", star = "*", slash = "/", doubleSlash = "//", percent = "%", concat = "||", doubleColon = "::"
    /// Brackets and braces make the list and struct literals of read_csv's options: `types = ['BIGINT']`.
    case leftBracket = "[", rightBracket = "]", leftBrace = "{", rightBrace = "}", colon = ":"
    case equal = "=", notEqual = "!=", notEqualSQL = "<>", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// Token is one lexical unit.
public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    /// text is the source text; for strings and quoted names, the value with quotes removed and escapes undone.
    public var text: String
    public var range: SourceRange

    public init(_ kind: TokenKind, _ text: String, _ range: SourceRange) {
        self.kind = kind
        self.text = text
        self.range = range
    }

    /// describe names the token for messages: `FROM`, `','`, `end of input`, `identifier 'jaar'`.
    public var describe: String {
        switch kind {
        case .endOfInput: return "end of input"
        case .keyword(let k): return k.sql
        case .symbol(let s): return "'\(s.rawValue)'"
        case .identifier, .quotedIdentifier: return "name '\(text)'"
        case .integer, .decimal, .percentage: return "number \(text)"
        case .string: return "string '\(text)'"
        }
    }
}
