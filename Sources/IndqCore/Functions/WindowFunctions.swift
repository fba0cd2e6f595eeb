// The window functions, and how any window function (an aggregate too) computes over one partition whose rows are
// in ORDER BY order. An aggregate over its running frame adds each row once, as the frame grows.

/// WindowRule is how a window function proper computes.
public enum WindowRule: Sendable {
    /// row_number: the row's position in its partition, from 1.
    case rowNumber
    /// rank: ties share a rank and leave a gap.
    case rank
    /// lag (direction -1) and lead (+1): the value `offset` rows away, else the default or null.
    case offset(direction: Int)
    /// first_value: the value of the partition's first row.
    case firstValue
}

/// WindowValue is a window function's value for one row, and the rows it was read from, which tell whether it is
/// approximate (Approximate.swift).
public struct WindowValue: Sendable {
    public var value: Value
    public var source: WindowSource
}

/// WindowSource says which rows of the partition a window value was read from, by their position in it.
public enum WindowSource: Sendable, Equatable {
    /// None: a count or a rank, or a default.
    case none
    case row(Int)
    /// The running frame: the partition's rows from its first through this one.
    case frame(through: Int)
}

extension FunctionRegistry {
    static let windowFunctions: [FunctionEntry] = [
        FunctionEntry("row_number", kind: .window, arity: 0...0, signature: "row_number() OVER (…)",
                      summary: "the position of the row in its partition, from 1",
                      example: .init(sql: "select year, row_number() over (order by year desc) from studenten order by year",
                                     result: "2019 | 3; 2020 | 2; 2021 | 1"),
                      typing: { _ in CallType(.integer) }, implementation: .window(.rowNumber), exactOverApproximate: true),
        FunctionEntry("rank", kind: .window, arity: 0...0, signature: "rank() OVER (…)",
                      summary: "the rank in the partition; ties share a rank and leave a gap",
                      example: .init(sql: "select year, rank() over (order by year > 2019) from studenten order by year",
                                     result: "2019 | 1; 2020 | 2; 2021 | 2"),
                      typing: { _ in CallType(.integer) }, implementation: .window(.rank), exactOverApproximate: true),
        FunctionEntry("lag", kind: .window, arity: 1...3, signature: "lag(x[, n[, default]]) OVER (…)",
                      summary: "x from n rows earlier in the partition (default 1), else the default or null",
                      example: .init(sql: "select year, lag(year) over (order by year) from studenten order by year",
                                     result: "2019 | NULL; 2020 | 2019; 2021 | 2020"),
                      typing: offsetType, implementation: .window(.offset(direction: -1))),
        FunctionEntry("lead", kind: .window, arity: 1...3, signature: "lead(x[, n[, default]]) OVER (…)",
                      summary: "x from n rows later in the partition (default 1), else the default or null",
                      example: .init(sql: "select year, lead(year, 1, 0) over (order by year) from studenten order by year",
                                     result: "2019 | 2020; 2020 | 2021; 2021 | 0"),
                      typing: offsetType, implementation: .window(.offset(direction: 1))),
        FunctionEntry("first_value", kind: .window, arity: 1...1, signature: "first_value(x) OVER (…)",
                      summary: "x from the first row of the partition",
                      example: .init(sql: "select year, first_value(year) over (order by year desc) from studenten order by year",
                                     result: "2019 | 2021; 2020 | 2021; 2021 | 2021"),
                      typing: { c in CallType(c[0].type) }, implementation: .window(.firstValue)),
    ]
}

/// offsetType is lag's and lead's rule. As DuckDB, the default takes the type of the value: lag(year, 1, 0.5) gives 1.
private let offsetType: TypingRule = { c in
    if c.arguments.count >= 2 {
        guard case .integer(let n)? = c[1].constant, n >= 0 else {
            throw Diagnostic("\(c.name)'s offset must be a whole number of 0 or more, e.g. \(c.name)(x, 1)", at: c[1].range)
        }
    }
    guard c.arguments.count == 3 else { return CallType(c[0].type) }
    guard unifiedType(c[0].type, c[2].type) != nil else {
        throw Diagnostic("\(c.name)'s default must have the type of its value, \(c[0].type.rawValue)", at: c[2].range)
    }
    var t = CallType(c[0].type == .null ? c[2].type : c[0].type)
    t.conversions = [(2, t.result)]
    return t
}

/// peerEnds gives, for each of `count` rows in ORDER BY order, the last position that shares its ORDER BY keys,
/// which ends its running frame; `differsFromNext(p)` tells whether row p's keys differ from row p + 1's.
public func peerEnds(count: Int, differsFromNext: (Int) throws -> Bool) rethrows -> [Int] {
    var ends = Array(repeating: count - 1, count: count)
    var end = count - 1
    for p in stride(from: count - 2, through: 0, by: -1) {
        if try differsFromNext(p) { end = p }
        ends[p] = end
    }
    return ends
}

extension FunctionEntry {
    /// window computes this function for every row of one partition of `count` rows in ORDER BY order. peerEnd[p]
    /// is the last position that shares row p's ORDER BY keys, which ends its running frame (count - 1 for every row
    /// without ORDER BY); argument(i, p) is argument i of the row at position p. An aggregate is computed
    /// incrementally over the running frame: each row is added once, and the result is asked once per set of peers.
    public func window(count: Int, peerEnd: [Int], arguments: Int, setup: AggregateSetup,
                       argument: (Int, Int) throws -> Value) throws -> [WindowValue] {
        var out: [WindowValue] = []
        out.reserveCapacity(count)
        switch implementation {
        case .window(.rowNumber):
            for p in 0..<count { out.append(WindowValue(value: .integer(Int64(p + 1)), source: .none)) }
        case .window(.rank):
            var rank = 1
            for p in 0..<count {
                if p > 0 && peerEnd[p] != peerEnd[p - 1] { rank = p + 1 }
                out.append(WindowValue(value: .integer(Int64(rank)), source: .none))
            }
        case .window(.offset(let direction)):
            for p in 0..<count {
                var offset = 1
                // An offset beyond the partition reads nothing; clamping keeps p ± offset from overflowing.
                if arguments >= 2, case .integer(let n) = try argument(1, p) { offset = Int(clamping: min(n, Int64(count))) }
                let target = p + direction * offset
                if target >= 0 && target < count {
                    out.append(WindowValue(value: try argument(0, target), source: .row(target)))
                } else {
                    out.append(WindowValue(value: arguments == 3 ? try argument(2, p) : .null, source: .none))
                }
            }
        case .window(.firstValue):
            guard count > 0 else { break }
            let first = try argument(0, 0)
            for _ in 0..<count { out.append(WindowValue(value: first, source: .row(0))) }
        case .aggregate:
            guard var accumulator = makeAccumulator(setup) else { break }
            var added = 0
            var last: (end: Int, value: Value)?
            for p in 0..<count {
                let end = peerEnd[p]
                if last?.end != end {
                    while added <= end {
                        if added & 0xFFF == 0xFFF { try Cancellation.checkpoint() }
                        switch (rowArguments, arguments) {
                        case (_, 0): try accumulator.add(.null)
                        case (2, _): try accumulator.add(try argument(0, added), by: try argument(1, added))
                        default: try accumulator.add(try argument(0, added))
                        }
                        added += 1
                    }
                    last = (end, try accumulator.finish())
                }
                out.append(WindowValue(value: last!.value, source: exactOverApproximate ? .none : .frame(through: end)))
            }
        case .scalar, .conditional:
            break
        }
        return out
    }
}
