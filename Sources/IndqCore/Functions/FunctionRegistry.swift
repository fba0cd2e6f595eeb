// The function registry: one entry per function, with its name and aliases, its kind, its typing rule, its
// implementation (scalar, aggregate accumulator or window), its help text and a checked example. The binder, the
// executor, help and completion all look functions up here; nothing else knows a function by its name.

/// FunctionKind says where a function computes: per row, over a group, or over a window of rows.
public enum FunctionKind: Sendable {
    case scalar, aggregate, window
}

/// ArgumentType is what a typing rule sees of one argument: its type, its place, and its value when it is a constant.
public struct ArgumentType: Sendable {
    public var type: ValueType
    public var range: SourceRange
    /// constant is the argument's value when it is a literal or another constant the binder folded.
    public var constant: Value?

    public init(type: ValueType, range: SourceRange, constant: Value? = nil) {
        self.type = type
        self.range = range
        self.constant = constant
    }
}

/// CallTyping is what a typing rule gets: the function's canonical name, its arguments and the call's place.
public struct CallTyping: Sendable {
    public var name: String
    public var arguments: [ArgumentType]
    public var range: SourceRange
    /// usage is the function's signature, for messages.
    public var usage: String
}

/// CallType is what a typing rule concludes: the result type, and how the binder must convert the arguments.
public struct CallType: Sendable {
    public var result: ValueType
    /// unifiesArguments: every argument takes the result type, as CASE unifies its branches (coalesce, greatest).
    public var unifiesArguments = false
    /// conversions convert one argument to a type as a cast would, e.g. lag's default to the type of its value.
    public var conversions: [(argument: Int, type: ValueType)] = []
    /// appended are constant arguments the implementation needs after the call's own, e.g. typeof's static type name.
    public var appended: [Value] = []

    public init(_ result: ValueType) { self.result = result }
}

/// TypingRule checks a call's arguments and gives its type, or throws a Diagnostic at the argument that is wrong.
public typealias TypingRule = @Sendable (CallTyping) throws -> CallType

/// ScalarFunction computes a scalar function from its argument values; `range` is the call's place, for errors.
public typealias ScalarFunction = @Sendable (_ arguments: [Value], _ range: SourceRange) throws -> Value

/// IntegerKernel computes a scalar function of two whole-number columns, row by row, with the scalar's rules: it
/// marks in `validity` the rows whose result is null, and returns nil when a row needs the scalar implementation
/// (for its error), which then computes the column.
public typealias IntegerKernel = @Sendable (_ a: [Int64], _ b: [Int64], _ validity: inout [Bool]?) -> [Int64]?

/// Implementation is how a function computes.
public enum Implementation: Sendable {
    /// A function of one row's argument values.
    case scalar(ScalarFunction)
    /// A function whose arguments must be evaluated only as far as needed, as CASE does: `if(c, a, b)`. The binder
    /// lowers it to CASE.
    case conditional
    /// An aggregate: an accumulator made once per group (or per window partition), fed row by row.
    case aggregate(AccumulatorFactory)
    /// A window function proper (row_number, rank, lag, lead, first_value).
    case window(WindowRule)
}

/// AggregateNote says which notes (Notes.swift) an aggregate over a dataset's figures may earn.
public enum AggregateNote: Sendable {
    /// No note: counting, ranking, or a function that does not add up figures.
    case none
    /// min and max compare figures: a note when they are in different units.
    case compares
    /// sum and avg add figures: a note for different units and for cumulative figures over several years.
    case adds
}

/// FunctionExample is a query that uses the function, and its result: rows separated by "; ", values by " | ",
/// NULL for a null. A test runs every example and checks the result, and compares it with DuckDB.
public struct FunctionExample: Sendable {
    public var sql: String
    public var result: String
    /// duckDB tells whether DuckDB has the function and gives the same rows.
    public var duckDB = true
}

/// FunctionEntry is everything about one function.
public final class FunctionEntry: Sendable {
    public let name: String
    /// aliases are other names DuckDB gives the same function: substring for substr.
    public let aliases: [String]
    public let kind: FunctionKind
    public let arity: ClosedRange<Int>
    /// takesStar: the function may be called as f(*), as count(*) is.
    public let takesStar: Bool
    /// signature shows how to call it, in help and in messages: `round(x[, n])`.
    public let signature: String
    /// summary is the one-line help text.
    public let summary: String
    public let example: FunctionExample
    public let typing: TypingRule
    public let implementation: Implementation
    /// alsoWindow: an aggregate that also works with OVER (…), over a running frame.
    public let alsoWindow: Bool
    /// exactOverApproximate: the result counts or ranks rows, so it is exact even over approximate figures.
    public let exactOverApproximate: Bool
    public let note: AggregateNote
    /// rowArguments is how many of an aggregate's arguments are read per row (arg_max reads two); the others are
    /// constant parameters (quantile_cont's q, string_agg's separator).
    public let rowArguments: Int
    /// integerKernel computes the function over two columns of whole numbers at once, for the batch executor.
    public let integerKernel: IntegerKernel?

    init(_ name: String, aliases: [String] = [], kind: FunctionKind, arity: ClosedRange<Int>, takesStar: Bool = false,
         signature: String, summary: String, example: FunctionExample, typing: @escaping TypingRule,
         implementation: Implementation, alsoWindow: Bool = false, exactOverApproximate: Bool = false,
         note: AggregateNote = .none, rowArguments: Int = 1, integerKernel: IntegerKernel? = nil) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.arity = arity
        self.takesStar = takesStar
        self.signature = signature
        self.summary = summary
        self.example = example
        self.typing = typing
        self.implementation = implementation
        self.alsoWindow = alsoWindow
        self.exactOverApproximate = exactOverApproximate
        self.note = note
        self.rowArguments = rowArguments
        self.integerKernel = integerKernel
    }

    /// type applies the entry's typing rule to a call's arguments.
    public func type(_ arguments: [ArgumentType], at range: SourceRange) throws -> CallType {
        try typing(CallTyping(name: name, arguments: arguments, range: range, usage: signature))
    }

    /// call computes a scalar function; nil for a function that is not one.
    public func call(_ arguments: [Value], at range: SourceRange) throws -> Value? {
        guard case .scalar(let f) = implementation else { return nil }
        return try f(arguments, range)
    }

    /// makeAccumulator starts an aggregate for one group; nil for a function that is not an aggregate.
    public func makeAccumulator(_ setup: AggregateSetup) -> Accumulator? {
        guard case .aggregate(let make) = implementation else { return nil }
        let inner = make(setup)
        return setup.distinct ? DistinctAccumulator(inner) : inner
    }
}

/// FunctionRegistry is the table of every function indq knows.
public enum FunctionRegistry {
    /// entries lists the functions in the order help shows them.
    public static let entries: [FunctionEntry] = scalarFunctions + dateFunctions + aggregateFunctions + windowFunctions

    static let byName: [String: FunctionEntry] = {
        var table: [String: FunctionEntry] = [:]
        for e in entries {
            for n in [e.name] + e.aliases { table[n] = e }
        }
        return table
    }()

    /// lookup finds a function by its name or an alias, ignoring case.
    public static func lookup(_ name: String) -> FunctionEntry? {
        byName[name.lowercased()]
    }

    /// names are the canonical names, for help.
    public static var names: [String] { entries.map(\.name) }

    /// spellings are the names and the aliases, for completion and suggestions.
    public static var spellings: [String] { entries.flatMap { [$0.name] + $0.aliases } }

    /// starNames are the functions that take `*`, for the message about it.
    static var starNames: [String] { entries.filter(\.takesStar).map(\.name) }

    /// windowNames lists the window functions proper, for the message about OVER.
    static var windowNames: [String] { entries.filter { $0.kind == .window }.map(\.name) }
}

// MARK: Typing helpers, shared by the entries

extension CallTyping {
    subscript(_ i: Int) -> ArgumentType { arguments[i] }

    /// numbers refuses an argument that is not a number: `sqrt takes numbers, found text`.
    func numbers(_ what: String = "numbers") throws {
        for a in arguments where !a.type.isNumeric {
            throw Diagnostic("\(name) takes \(what), found \(a.type.rawValue)", at: a.range)
        }
    }

    /// condition refuses an argument that is not true, false or null.
    func condition(_ i: Int, for what: String) throws {
        let a = arguments[i]
        guard a.type == .boolean || a.type == .null else {
            throw Diagnostic("expected a condition for \(what), found an expression of type \(a.type.rawValue)", at: a.range)
        }
    }

    /// unified is the one type that every argument converts to, as CASE's results do.
    func unified(_ what: String) throws -> ValueType {
        var type = ValueType.null
        for a in arguments {
            guard let t = unifiedType(type, a.type) else {
                throw Diagnostic("\(what) must have one type, found \(type.rawValue) and \(a.type.rawValue)", at: a.range)
            }
            type = t
        }
        return type
    }
}

/// unifiedType is the type that values of both types convert to, as CASE, COALESCE and UNION ALL need.
func unifiedType(_ a: ValueType, _ b: ValueType) -> ValueType? {
    if a == b || b == .null { return a }
    if a == .null { return b }
    if a.isNumeric && b.isNumeric {
        if a == .number || b == .number { return .number }
        return a == .double || b == .double ? .double : .decimal
    }
    // Text beside a date reads as a date, as DuckDB unifies DATE and VARCHAR.
    if (a == .date && b == .text) || (a == .text && b == .date) { return .date }
    return nil
}
