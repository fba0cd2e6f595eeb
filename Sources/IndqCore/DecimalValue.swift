// Exact decimals, as DuckDB's DECIMAL(width, scale): a scaled 128-bit integer of at most 38 digits. Decimal
// literals, the report's decimals and percentages are exact, so `0.1 + 0.2 = 0.3` and `round(1.005, 2)` is 1.01.
// Every operation that could leave 38 digits returns nil, which the caller turns into an error with its place.

/// DecimalValue is `units / 10^scale`. `width` is DuckDB's width (all digits), kept only for the type's name.
public struct DecimalValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var units: Int128
    public private(set) var scale: Int
    public private(set) var width: Int

    /// maxDigits is DuckDB's largest DECIMAL width.
    public static let maxDigits = 38
    /// powers holds 10^0 through 10^38.
    static let powers: [Int128] = {
        var p: [Int128] = [1]
        for _ in 0..<maxDigits { p.append(p[p.count - 1] * 10) }
        return p
    }()
    static let limit = powers[maxDigits]

    /// init makes a decimal, or nil when it has more than 38 digits.
    public init?(units: Int128, scale: Int, width: Int? = nil) {
        guard scale >= 0, scale <= Self.maxDigits, units > -Self.limit, units < Self.limit else { return nil }
        self.units = units
        self.scale = scale
        self.width = min(Self.maxDigits, max(width ?? 0, Self.digits(units), scale, 1))
    }

    /// init(_:) is an integer as a decimal of scale 0, with BIGINT's width of 19.
    public init(_ i: Int64) {
        units = Int128(i)
        scale = 0
        width = 19
    }

    /// digits counts the decimal digits of a magnitude (at least 1).
    static func digits(_ u: Int128) -> Int {
        var m = u.magnitude, n = 1
        while m >= 10 { m /= 10; n += 1 }
        return n
    }

    static func pow10(_ n: Int) -> Int128? { n >= 0 && n <= maxDigits ? powers[n] : nil }

    /// parse reads `12.50`, `-3`, `.5` or `1.5e3` exactly, moving the point `shift` places left (2 for a
    /// percentage: `82.5` → 0.825). The width is the digits as written, as DuckDB types a literal.
    public static func parse(_ text: String, shift: Int = 0) -> DecimalValue? {
        var t = Substring(text)
        var negative = false
        if t.first == "-" || t.first == "+" { negative = t.first == "-"; t = t.dropFirst() }
        var exponent = 0
        if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(t[t.index(after: e)...]), abs(x) <= 1000 else { return nil }
            exponent = x
            t = t[..<e]
        }
        let parts = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var digits = Substring(whole + fraction)
        var scale = fraction.count - exponent + shift
        let written = whole.count + fraction.count
        // Trailing zeros beyond 38 places, and leading zeros, carry no digits.
        while scale > maxDigits, digits.last == "0" { digits = digits.dropLast(); scale -= 1 }
        digits = digits.drop { $0 == "0" }
        if scale < 0 { digits += String(repeating: "0", count: -scale); scale = 0 }
        guard digits.count <= maxDigits, scale <= maxDigits else { return nil }
        var u: Int128 = 0
        for c in digits { u = u * 10 + Int128(c.wholeNumberValue!) }
        return DecimalValue(units: negative ? -u : u, scale: scale, width: exponent == 0 && shift == 0 ? written : nil)
    }

    /// init(approximating:) is the decimal nearest a double, with at most `maxScale` decimals: the double's
    /// shortest spelling, read exactly, so that 0.1 becomes 0.1 and not its binary neighbour.
    public init?(approximating d: Double, maxScale: Int = 18) {
        guard d.isFinite, let exact = DecimalValue.parse(d == 0 ? "0" : d.description) else { return nil }
        guard let r = exact.scale > maxScale ? exact.rounded(to: maxScale) : exact else { return nil }
        self = r
    }

    public var double: Double { Double(description) ?? .nan }
    public var isZero: Bool { units == 0 }
    public var isNegative: Bool { units < 0 }

    /// description writes every digit of the scale, as DuckDB prints a DECIMAL: 1.50, -0.05, 3.
    public var description: String {
        let m = String(units.magnitude)
        let sign = units < 0 ? "-" : ""
        guard scale > 0 else { return sign + m }
        let padded = String(repeating: "0", count: max(0, scale + 1 - m.count)) + m
        return sign + padded.dropLast(scale) + "." + padded.suffix(scale)
    }

    /// trimmed drops the trailing zeros of the fraction: 1.50 → 1.5, 2.00 → 2.
    public var trimmed: DecimalValue {
        var r = self
        while r.scale > 0 && r.units % 10 == 0 { r.units /= 10; r.scale -= 1 }
        return r
    }

    /// withScale gives the same number with exactly `s` decimals, rounding halves away from zero when it drops
    /// digits; nil when it no longer fits.
    public func withScale(_ s: Int) -> DecimalValue? {
        if s == scale { return self }
        if s > scale {
            guard let p = Self.pow10(s - scale) else { return nil }
            let (u, overflow) = units.multipliedReportingOverflow(by: p)
            return overflow ? nil : DecimalValue(units: u, scale: s, width: width + s - scale)
        }
        return rounded(to: s).flatMap { $0.withScale(s) }
    }

    /// rounded rounds halves away from zero to `n` decimals (n < 0 rounds to tens, hundreds…). As DuckDB's
    /// round, the width stays and the scale becomes n, or 0 for negative n; a scale already below n stays.
    public func rounded(to n: Int) -> DecimalValue? {
        if n >= scale { return self }
        let drop = scale - n
        var q: Int128 = 0
        // Beyond 38 places every decimal rounds to zero.
        if drop <= Self.maxDigits {
            let p = Self.powers[drop]
            q = units / p
            if (units % p).magnitude * 2 >= p.magnitude { q += units < 0 ? -1 : 1 }
        }
        if n >= 0 { return DecimalValue(units: q, scale: n, width: width) }
        if q == 0 { return DecimalValue(units: 0, scale: 0, width: width) }
        guard let back = Self.pow10(-n) else { return nil }
        let (u, overflow) = q.multipliedReportingOverflow(by: back)
        return overflow ? nil : DecimalValue(units: u, scale: 0, width: width)
    }

    /// wholeNumber rounds halves away from zero to an integer, as DuckDB casts a DECIMAL to INTEGER.
    public var wholeNumber: Int128 { rounded(to: 0)?.units ?? 0 }

    // MARK: Arithmetic, with DuckDB's result types: `+ -` keep the larger scale, `*` adds the scales.

    public static func + (a: DecimalValue, b: DecimalValue) -> DecimalValue? { add(a, b, negate: false) }
    public static func - (a: DecimalValue, b: DecimalValue) -> DecimalValue? { add(a, b, negate: true) }

    static func add(_ a: DecimalValue, _ b: DecimalValue, negate: Bool) -> DecimalValue? {
        let s = max(a.scale, b.scale)
        guard let x = a.withScale(s), let y = b.withScale(s) else { return nil }
        let (u, overflow) = negate ? x.units.subtractingReportingOverflow(y.units) : x.units.addingReportingOverflow(y.units)
        return overflow ? nil : DecimalValue(units: u, scale: s, width: max(a.width - a.scale, b.width - b.scale) + s + 1)
    }

    public static func * (a: DecimalValue, b: DecimalValue) -> DecimalValue? {
        let (u, overflow) = a.units.multipliedReportingOverflow(by: b.units)
        return overflow ? nil : DecimalValue(units: u, scale: a.scale + b.scale, width: a.width + b.width)
    }

    public static prefix func - (a: DecimalValue) -> DecimalValue {
        var r = a
        r.units = -a.units
        return r
    }

    public var magnitude: DecimalValue {
        var r = self
        r.units = units < 0 ? -units : units
        return r
    }

    // MARK: Equality and order by value: 1.5 equals 1.50, whatever the width.

    public static func == (a: DecimalValue, b: DecimalValue) -> Bool { compare(a, b) == 0 }
    public static func < (a: DecimalValue, b: DecimalValue) -> Bool { compare(a, b) < 0 }

    public func hash(into hasher: inout Hasher) {
        let t = trimmed
        hasher.combine(t.units)
        hasher.combine(t.scale)
    }

    /// compare orders two decimals exactly, whatever their scales.
    public static func compare(_ a: DecimalValue, _ b: DecimalValue) -> Int {
        if a.scale == b.scale { return a.units < b.units ? -1 : a.units > b.units ? 1 : 0 }
        let (lo, hi, flip) = a.scale < b.scale ? (a, b, 1) : (b, a, -1)
        // Scale lo up to hi's scale; if that overflows, lo's magnitude is beyond anything hi can hold.
        let (u, overflow) = lo.units.multipliedReportingOverflow(by: powers[hi.scale - lo.scale])
        if overflow { return (lo.units < 0 ? -1 : 1) * flip }
        return (u < hi.units ? -1 : u > hi.units ? 1 : 0) * flip
    }
}
