// The table functions range and generate_series, with DuckDB's names, columns and rules: range(stop),
// range(start, stop[, step]) leave out stop, generate_series includes it; a step may be negative but not 0; a null
// argument gives no rows. Rows are computed, never stored, so range(1000000000) costs nothing until it is read.

/// RangeTable is the arithmetic series of a range or generate_series call.
public struct RangeTable: RandomAccessTable {
    public let name: String
    public let start: Int64
    public let step: Int64
    public let rowCount: Int
    public let schema: Dataset
    public var dataset: Dataset? { nil }

    /// init computes the number of rows in 128 bits, so that no bound or step can overflow.
    init(name: String, start: Int64, stop: Int64, step: Int64, inclusive: Bool) {
        self.name = name
        self.start = start
        self.step = step
        let (a, b, s) = (Int128(start), Int128(stop), Int128(step))
        var n: Int128 = 0
        if s > 0 {
            if inclusive { n = a <= b ? (b - a) / s + 1 : 0 } else { n = a < b ? (b - a + s - 1) / s : 0 }
        } else {
            if inclusive { n = a >= b ? (a - b) / -s + 1 : 0 } else { n = a > b ? (a - b - s - 1) / -s : 0 }
        }
        rowCount = Int(clamping: n)
        schema = Dataset(name: name, english: name, description: "the numbers of \(name)", report: "", section: "", table: "",
                         notes: [], columns: [Column(name: name, type: .integer, english: name, meaningNL: "het getal",
                                                     meaningEN: "the number")],
                         rows: [], rowSources: [])
    }

    /// empty is a table function call without rows, as a null argument gives.
    static func empty(_ name: String) -> RangeTable { RangeTable(name: name, start: 0, stop: 0, step: 1, inclusive: false) }

    public func scan(from first: Int, count: Int) -> Batch {
        // start + i * step stays within the bounds the call gave, so wrapping arithmetic never wraps here.
        var values = [Int64](repeating: 0, count: count)
        var v = start &+ Int64(first) &* step
        for i in 0..<count {
            values[i] = v
            v = v &+ step
        }
        return Batch(columns: [Vector(.integers(values))], count: count, firstRow: first)
    }
}

/// TableFunctions are the functions that FROM can call.
enum TableFunctions {
    /// names lists them, for messages and completion.
    static let names = ["range", "generate_series"]

    /// make builds the table of a call whose arguments are already computed (nil for a null argument).
    static func make(_ name: String, _ args: [Int64?], at range: SourceRange) throws -> RangeTable {
        let fn = name.lowercased()
        guard (1...3).contains(args.count) else {
            throw Diagnostic("\(fn) takes 1 to 3 whole numbers, found \(args.count): \(fn)(stop), \(fn)(start, stop) or \(fn)(start, stop, step)",
                             at: range)
        }
        if args.count == 3, args[2] == 0 { throw Diagnostic("\(fn)'s step cannot be 0", at: range) }
        guard !args.contains(where: { $0 == nil }) else { return .empty(fn) }
        let a = args.map { $0! }
        let (start, stop, step) = a.count == 1 ? (0, a[0], 1) : (a[0], a[1], a.count == 3 ? a[2] : 1)
        return RangeTable(name: fn, start: start, stop: stop, step: step, inclusive: fn == "generate_series")
    }
}
