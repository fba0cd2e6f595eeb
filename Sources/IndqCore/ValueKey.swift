// ValueKey: a value as a key of a hash table, for GROUP BY, DISTINCT, count(DISTINCT …), PARTITION BY and
// IN (SELECT …). Keys compare the exact values: integers exactly, 0.0 and -0.0 as one key, every NaN as one key.

/// ValueKey wraps a value so that equal keys are the values that SQL puts in one group: NULL equals NULL, numbers
/// of any type compare by their exact value (3, 3.0 and 300% are one key), text compares byte by byte, as DuckDB does.
public struct ValueKey: Hashable, Sendable {
    public let value: Value

    public init(_ value: Value) { self.value = value }

    /// Number is the exact numeric value: a whole number is an integer whatever its type, so that 3 and 3.0 are one
    /// key; any other exact number is its decimal (equal whatever its scale), a double is itself, every NaN one.
    enum Number: Hashable {
        case integer(Int64)
        case decimal(DecimalValue)
        case double(Double)
        case nan

        init(_ d: DecimalValue) {
            let t = d.trimmed
            if t.scale == 0, let i = Int64(exactly: t.units) { self = .integer(i) } else { self = .decimal(t) }
        }

        init(_ d: Double) {
            if d.isNaN {
                self = .nan
            } else if let i = Int64(exactly: d) {
                // -0.0 is exactly 0, so it falls in the key of 0.
                self = .integer(i)
            } else {
                self = .double(d)
            }
        }
    }

    /// Shape is what a key compares: the kind of value and its exact contents.
    enum Shape: Hashable {
        case null
        case number(Number)
        case text([UInt8])
        case boolean(Bool)
        case date(Int32)
    }

    var shape: Shape {
        switch value {
        case .null: return .null
        case .integer(let i): return .number(.integer(i))
        case .decimal(let d), .percentage(let d), .points(let d): return .number(Number(d))
        case .double(let d): return .number(Number(d))
        // Bytes, not Characters: Swift's String equality would join canonically equivalent texts that DuckDB keeps apart.
        case .text(let s): return .text(Array(s.utf8))
        case .boolean(let b): return .boolean(b)
        case .date(let d): return .date(d.days)
        }
    }

    public static func == (a: ValueKey, b: ValueKey) -> Bool { a.shape == b.shape }

    public func hash(into hasher: inout Hasher) { hasher.combine(shape) }
}

extension Array where Element == Value {
    /// keys turns a row of values into a hashable key for the row as a whole.
    var keys: [ValueKey] { map(ValueKey.init) }
}
