// The value model. Counts, decimals, percentages and text are distinct types: a percentage is a fraction
// (82% is 0.82) that prints as `82%`, never just another Double.

/// ValueType is the static type of a column or expression.
public enum ValueType: String, Equatable, Sendable {
    case integer, decimal, percentage, text, boolean
    /// number is a column whose rows hold counts, decimals or percentages (kerncijfers.waarde).
    case number
    /// null is the type of the NULL literal, which fits anywhere.
    case null

    /// isNumeric tells the types that arithmetic accepts.
    public var isNumeric: Bool { self == .integer || self == .decimal || self == .percentage || self == .number || self == .null }
}

/// Value is one cell of a result.
public enum Value: Equatable, Sendable {
    case null
    case integer(Int64)
    case decimal(Double)
    /// A fraction: 0.82 is 82%.
    case percentage(Double)
    case text(String)
    case boolean(Bool)

    /// type is the value's own type.
    public var type: ValueType {
        switch self {
        case .null: return .null
        case .integer: return .integer
        case .decimal: return .decimal
        case .percentage: return .percentage
        case .text: return .text
        case .boolean: return .boolean
        }
    }

    /// asDouble is the numeric value, for comparisons and mixed arithmetic.
    public var asDouble: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .decimal(let d), .percentage(let d): return d
        default: return nil
        }
    }

    public var isNull: Bool { self == .null }

    /// display is the value as every output format writes it, with plain digits; NULL is nil.
    public var display: String? {
        switch self {
        case .null: return nil
        case .integer(let i): return String(i)
        case .decimal(let d): return formatDecimal(d)
        case .percentage(let f): return formatPercentage(f)
        case .text(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        }
    }
}

/// formatDecimal writes a Double the shortest way that reads back the same, without exponent, always with a '.'.
public func formatDecimal(_ d: Double) -> String {
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

/// formatPercentage writes a fraction as a percentage with at most four decimals: 0.82 → `82%`.
public func formatPercentage(_ fraction: Double) -> String {
    let scaled = (fraction * 100 * 10_000).rounded() / 10_000
    // A fraction too large to write as a percentage is written as the fraction, and says so.
    guard scaled.isFinite else { return formatDecimal(fraction) + " (as a fraction)" }
    var s = formatDecimal(scaled == 0 ? 0 : scaled)
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s + "%"
}

/// parseDecimalShifted reads a decimal literal and divides it by 10^shift exactly, by moving the point in the text:
/// `1.1` with shift 2 reads as `0.011`, so `1.1%` is the same double as the literal 0.011.
func parseDecimalShifted(_ text: String, shift: Int) -> Double? {
    var t = text
    var exponent = 0
    if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        guard let x = Int(t[t.index(after: e)...]) else { return nil }
        exponent = x
        t = String(t[..<e])
    }
    return Double(t + "e" + String(exponent - shift))
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
