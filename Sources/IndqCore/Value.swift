// The value model. Counts, exact decimals, doubles, percentages, percentage points and text are distinct types: a
// percentage is an exact fraction (82% is 0.82) that prints as `82%`, never just another number, and the difference
// of two percentages is in percentage points (`3 pp`), so that nobody reads it as a relative change.

/// ValueType is the static type of a column or expression.
public enum ValueType: String, Equatable, Sendable {
    case integer, decimal, double, percentage, text, boolean
    /// date is a day, DuckDB's DATE.
    case date
    /// points is a difference of percentages, in percentage points.
    case points
    /// number is a column whose rows hold counts, decimals or percentages (kerncijfers.waarde).
    case number
    /// null is the type of the NULL literal, which fits anywhere.
    case null

    /// isNumeric tells the types that arithmetic accepts.
    public var isNumeric: Bool {
        switch self {
        case .integer, .decimal, .double, .percentage, .points, .number, .null: return true
        case .text, .boolean, .date: return false
        }
    }

    /// isFraction tells the types whose values are fractions that print scaled by 100.
    public var isFraction: Bool { self == .percentage || self == .points }

    /// duckDBName is the type as DuckDB names it; a percentage or points column is a DECIMAL fraction there.
    public var duckDBName: String {
        switch self {
        case .integer: return "BIGINT"
        case .decimal, .percentage, .points, .number: return "DECIMAL"
        case .double: return "DOUBLE"
        case .text: return "VARCHAR"
        case .boolean: return "BOOLEAN"
        case .date: return "DATE"
        case .null: return "\"NULL\""
        }
    }
}

/// Value is one cell of a result. Equal numbers of one kind are equal however they were written: 1.5 is 1.50.
public enum Value: Hashable, Sendable {
    case null
    case integer(Int64)
    /// An exact decimal, DuckDB's DECIMAL.
    case decimal(DecimalValue)
    /// A binary floating-point number, DuckDB's DOUBLE: `1e308`, the result of `/`, avg.
    case double(Double)
    /// A fraction: 0.82 is 82%.
    case percentage(DecimalValue)
    /// A difference of percentages, as a fraction: 0.06 is 6 pp.
    case points(DecimalValue)
    case text(String)
    case boolean(Bool)
    /// A day, DuckDB's DATE: prints as `2022-03-31`.
    case date(DateValue)

    /// type is the value's own type.
    public var type: ValueType {
        switch self {
        case .null: return .null
        case .integer: return .integer
        case .decimal: return .decimal
        case .double: return .double
        case .percentage: return .percentage
        case .points: return .points
        case .text: return .text
        case .boolean: return .boolean
        case .date: return .date
        }
    }

    /// duckDBTypeName is the value's type as DuckDB's typeof names it: `DECIMAL(3,2)`, `DOUBLE`, `BIGINT`.
    public var duckDBTypeName: String {
        switch self {
        case .decimal(let d), .percentage(let d), .points(let d): return "DECIMAL(\(d.width),\(d.scale))"
        default: return type.duckDBName
        }
    }

    /// asDouble is the numeric value as a double, for comparisons with doubles and for charts.
    public var asDouble: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        case .decimal(let d), .percentage(let d), .points(let d): return d.double
        default: return nil
        }
    }

    /// asDecimal is an exact number as a decimal: integers, decimals and fractions; nil for doubles and the rest.
    public var asDecimal: DecimalValue? {
        switch self {
        case .integer(let i): return DecimalValue(i)
        case .decimal(let d), .percentage(let d), .points(let d): return d
        default: return nil
        }
    }

    public var isNull: Bool { self == .null }

    /// display is the value as every output format writes it, with plain digits; NULL is nil.
    public var display: String? {
        switch self {
        case .null: return nil
        case .integer(let i): return String(i)
        case .decimal(let d): return d.description
        case .double(let d): return formatDouble(d)
        case .percentage(let f): return formatPercentage(f)
        case .points(let f): return formatPoints(f)
        case .text(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        }
    }

    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.integer(let x), .integer(let y)): return x == y
        case (.decimal(let x), .decimal(let y)), (.percentage(let x), .percentage(let y)), (.points(let x), .points(let y)):
            return x == y
        case (.double(let x), .double(let y)): return x == y
        case (.text(let x), .text(let y)): return x == y
        case (.boolean(let x), .boolean(let y)): return x == y
        case (.date(let x), .date(let y)): return x == y
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .integer(let i): hasher.combine(1); hasher.combine(i)
        case .decimal(let d): hasher.combine(2); hasher.combine(d)
        case .double(let d): hasher.combine(3); hasher.combine(d == 0 ? 0 : d)
        case .percentage(let d): hasher.combine(4); hasher.combine(d)
        case .points(let d): hasher.combine(5); hasher.combine(d)
        case .text(let s): hasher.combine(6); hasher.combine(s)
        case .boolean(let b): hasher.combine(7); hasher.combine(b)
        case .date(let d): hasher.combine(8); hasher.combine(d.days)
        }
    }
}

/// formatDouble writes a Double the shortest way that reads back the same, without exponent, always with a '.'.
public func formatDouble(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
    var s = d.description
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        s = expandExponent(mantissa: String(s[..<e]), exponent: Int(s[s.index(after: e)...]) ?? 0)
    }
    if !s.contains(".") { s += ".0" }
    return s
}

/// expandExponent turns `1.5` and 3 into `1500`, and `1.5` and -3 into `0.0015`.
func expandExponent(mantissa: String, exponent: Int) -> String {
    var m = mantissa
    let negative = m.hasPrefix("-")
    if negative { m.removeFirst() }
    let parts = m.split(separator: ".", omittingEmptySubsequences: false)
    var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
    var point = parts[0].count + exponent
    if point <= 0 {
        digits = String(repeating: "0", count: -point + 1) + digits
        point = 1
    } else if point > digits.count {
        digits += String(repeating: "0", count: point - digits.count)
    }
    var out = String(digits.prefix(point))
    let frac = String(digits.dropFirst(point))
    if !frac.isEmpty { out += "." + frac }
    return (negative ? "-" : "") + out
}

/// Percentages.maxShownDecimals is how many decimals of a percent (or of a point) output shows at most: a computed
/// share such as 2000 / 1200 - 1 prints as 66.6667%; round(p, 1) shows fewer.
public enum Percentages {
    public static let maxShownDecimals = 4
}

/// percentFigure is a fraction times 100, with at most Percentages.maxShownDecimals decimals and no trailing zeros;
/// nil when times 100 it no longer fits in 38 digits.
func percentFigure(_ fraction: DecimalValue) -> String? {
    // Moving the point two places is exact: the scale drops by 2, or the units grow when the scale is below 2.
    var scaled: DecimalValue?
    if fraction.scale >= 2 {
        scaled = DecimalValue(units: fraction.units, scale: fraction.scale - 2)
    } else {
        let (u, overflow) = fraction.units.multipliedReportingOverflow(by: DecimalValue.powers[2 - fraction.scale])
        scaled = overflow ? nil : DecimalValue(units: u, scale: 0)
    }
    guard let figure = scaled?.rounded(to: Percentages.maxShownDecimals)?.trimmed else { return nil }
    return figure.isZero ? "0" : figure.description
}

/// formatPercentage writes a fraction as a percentage: 0.82 → `82%`, 0.8583 → `85.83%`.
/// A fraction too large to write as a percentage is written as the fraction, and says so.
public func formatPercentage(_ fraction: DecimalValue) -> String {
    percentFigure(fraction).map { $0 + "%" } ?? fraction.description + " (as a fraction)"
}

/// formatPoints writes a difference of fractions in percentage points: 0.06 → `6 pp`.
public func formatPoints(_ fraction: DecimalValue) -> String {
    percentFigure(fraction).map { $0 + " pp" } ?? fraction.description + " (as a fraction)"
}

/// firstInvalidUTF8 returns the byte offset of the first byte that is not valid UTF-8, or nil.
public func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    // The standard library validates fast; the scan below only runs to say where a text goes wrong.
    if String(validating: bytes, as: UTF8.self) != nil { return nil }
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch b {
        case 0x00...0x7F: i += 1; continue
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return i
        }
        guard i + length <= bytes.count else { return i }
        if bytes[i + 1] < low || bytes[i + 1] > high { return i + 1 }
        for k in 2..<max(2, length) where bytes[i + k] < 0x80 || bytes[i + k] > 0xBF { return i + k }
        i += length
    }
    return nil
}
