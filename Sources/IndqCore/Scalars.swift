// The arithmetic behind some scalar functions (round, mod, floor, upper and lower), CAST and the conversions that
// CASE, COALESCE and UNION ALL apply. Each refuses overflow with an error at the call's place rather than trapping.

/// Scalars holds the conversions and the arithmetic that functions share; the functions are in Functions/.
enum Scalars {
    /// typeName is the name `typeof` gives a type, in DuckDB's words where DuckDB has the type.
    static func typeName(_ type: ValueType) -> String {
        switch type {
        case .percentage: return "PERCENTAGE"
        case .points: return "POINTS"
        case .number: return "NUMBER"
        case .null: return "NULL"
        default: return type.duckDBName
        }
    }

    /// whole rounds a decimal to `scale` decimals by a rule (down, up, towards zero), keeping DuckDB's width.
    static func whole(_ d: DecimalValue, scale n: Int, _ rule: FloatingPointRoundingRule, _ name: String, _ range: SourceRange) throws -> DecimalValue {
        if n >= d.scale { return d }
        let drop = d.scale - n
        var q: Int128 = 0
        var remainder: Int128 = d.units
        if let p = DecimalValue.pow10(drop) {
            q = d.units / p
            remainder = d.units % p
        } else {
            q = 0
        }
        if remainder != 0 {
            if rule == .down && d.units < 0 { q -= 1 }
            if rule == .up && d.units > 0 { q += 1 }
        }
        guard let r = DecimalValue(units: q, scale: n, width: d.width) else {
            throw Diagnostic("decimal overflow in \(name)", at: range)
        }
        return r
    }

    /// maxTextLength bounds what lpad and rpad build, so that lpad('x', 1e18, 'y') is an error, not an exhausted memory.
    static let maxTextLength = 1_000_000

    /// mod is the remainder with the sign of the dividend, as SQL's; null for a divisor of 0. Exact numbers give an
    /// exact remainder, at the larger scale of the two.
    static func mod(_ a: Value, _ b: Value, range: SourceRange) throws -> Value {
        if case .integer(let x) = a, case .integer(let y) = b {
            if y == 0 { return .null }
            let (r, overflow) = x.remainderReportingOverflow(dividingBy: y)
            if overflow { throw Diagnostic("integer overflow in mod (\(x) divided by \(y) does not fit in 64 bits)", at: range) }
            return .integer(r)
        }
        if let x = a.asDecimal, let y = b.asDecimal {
            if y.isZero { return .null }
            let scale = max(x.scale, y.scale)
            guard let xs = x.withScale(scale), let ys = y.withScale(scale),
                  let r = DecimalValue(units: xs.units % ys.units, scale: scale, width: max(xs.width, ys.width)) else {
                throw Diagnostic("decimal overflow in mod", at: range)
            }
            if a.type == b.type && a.type.isFraction { return Arithmetic.wrap(r, as: a.type) }
            return .decimal(r)
        }
        guard let x = a.asDouble, let y = b.asDouble else { return .null }
        if y == 0 { return .null }
        return .double(x.truncatingRemainder(dividingBy: y))
    }

    /// changeCase maps each code point on its own, as DuckDB does: one code point becomes one, so `upper('ß')` is
    /// `ẞ`, not `SS`, and `lower('İ')` is `i` without a combining dot. Code points newer than Unicode 15 keep their
    /// case, as in DuckDB's tables; a test compares every code point with DuckDB.
    static func changeCase(_ s: String, upper: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars { out.append(changeCase(scalar, upper: upper)) }
        return String(out)
    }

    static func changeCase(_ c: Unicode.Scalar, upper: Bool) -> Unicode.Scalar {
        if c.isASCII {
            let v = c.value
            if upper, v >= 0x61, v <= 0x7A { return Unicode.Scalar(UInt8(v - 32)) }
            if !upper, v >= 0x41, v <= 0x5A { return Unicode.Scalar(UInt8(v + 32)) }
            return c
        }
        if upper && c == "\u{DF}" { return "\u{1E9E}" }
        if !upper && c == "\u{130}" { return "i" }
        var mapped = Array((upper ? c.properties.uppercaseMapping : c.properties.lowercaseMapping).unicodeScalars)
        // Where the full upper-case mapping is longer (ᾳ → ΑΙ), the one-code-point mapping is the title case (ᾼ).
        if mapped.count != 1 && upper { mapped = Array(c.properties.titlecaseMapping.unicodeScalars) }
        guard mapped.count == 1, isBeforeUnicode16(c), isBeforeUnicode16(mapped[0]) else { return c }
        return mapped[0]
    }

    static func isBeforeUnicode16(_ c: Unicode.Scalar) -> Bool { (c.properties.age?.major ?? 99) < 16 }

    /// round rounds halves away from zero to `digits` decimals, as DuckDB: integers stay integers, a decimal keeps
    /// its width and takes the scale `digits`, a double stays a double. A percentage rounds its percent figure,
    /// so round(85.83%) is 86% and round(85.83%, 1) is 85.8%; points round likewise.
    static func round(_ v: Value, digits: Int64, range: SourceRange) throws -> Value {
        let digits = Int(max(-40, min(40, digits)))
        func exact(_ d: DecimalValue, _ n: Int) throws -> DecimalValue {
            guard let r = d.rounded(to: n) else { throw Diagnostic("decimal overflow in round (\(d) rounded has more than 38 digits)", at: range) }
            return r
        }
        switch v {
        case .integer(let i):
            guard digits < 0 else { return v }
            let r = try exact(DecimalValue(i), digits)
            guard let n = Int64(exactly: r.units) else { throw Diagnostic("integer overflow in round", at: range) }
            return .integer(n)
        case .decimal(let d): return .decimal(try exact(d, digits))
        case .percentage(let d): return .percentage(try exact(d, digits + 2))
        case .points(let d): return .points(try exact(d, digits + 2))
        case .double(let d):
            guard d.isFinite else { return v }
            var factor = 1.0
            for _ in 0..<Swift.abs(digits) { factor *= 10 }
            if digits >= 0 {
                let r = (d * factor).rounded(.toNearestOrAwayFromZero) / factor
                return .double(r.isFinite ? r : d)
            }
            return .double((d / factor).rounded(.toNearestOrAwayFromZero) * factor)
        default: return .null
        }
    }

    /// cast converts a value to a CAST target type. Decimals and percentages round halves away from zero, as
    /// DuckDB casts a DECIMAL; doubles round halves to even, as DuckDB casts a DOUBLE.
    static func cast(_ v: Value, to type: CastType, range: SourceRange) throws -> Value {
        if v.isNull { return .null }
        switch type {
        case .varchar:
            return .text(v.display ?? "")
        case .date:
            switch v {
            case .date: return v
            case .text(let s):
                guard let d = DateValue.parse(s[...]) else { throw Diagnostic(DateValue.parseError(s[...]), at: range) }
                return .date(d)
            default: throw Diagnostic("cannot convert \(v.type.rawValue) to DATE; expected text such as '2022-03-31'", at: range)
            }
        case .double:
            switch v {
            case .boolean(let b): return .double(b ? 1 : 0)
            case .text(let s):
                guard let d = Double(trimmed(s)), d.isFinite else {
                    throw Diagnostic("cannot convert '\(s)' to DOUBLE", at: range)
                }
                return .double(d)
            default: return v.asDouble.map(Value.double) ?? .null
            }
        case .integer, .bigint:
            let (low, high): (Int64, Int64) = type == .integer ? (Int64(Int32.min), Int64(Int32.max)) : (.min, .max)
            let name = type.sql
            var result: Int64
            switch v {
            case .integer(let i): result = i
            case .boolean(let b): result = b ? 1 : 0
            case .date: throw Diagnostic("cannot convert a date to \(name)", at: range)
            case .decimal(let d), .percentage(let d), .points(let d):
                guard let i = Int64(exactly: d.wholeNumber) else { throw Diagnostic("\(v.display ?? "") is out of range for \(name)", at: range) }
                result = i
            case .double(let d):
                result = try wholeNumber(d, name: name, shown: v.display ?? "", halvesToEven: true, range: range)
            case .text(let s):
                if let i = Int64(trimmed(s)) {
                    result = i
                } else if let d = DecimalValue.parse(String(trimmed(s))), let i = Int64(exactly: d.wholeNumber) {
                    result = i
                } else if let d = Double(trimmed(s)) {
                    result = try wholeNumber(d, name: name, shown: s, range: range)
                } else {
                    throw Diagnostic("cannot convert '\(s)' to \(name)", at: range)
                }
            case .null: return .null
            }
            guard result >= low && result <= high else {
                throw Diagnostic("\(result) is out of range for \(name) (\(low) to \(high))", at: range)
            }
            return .integer(result)
        case .decimal(let width, let scale):
            let d: DecimalValue?
            switch v {
            case .double(let x): d = DecimalValue(approximating: x, maxScale: scale)
            case .boolean(let b): d = DecimalValue(b ? 1 : 0)
            case .text(let s):
                guard let p = DecimalValue.parse(String(trimmed(s))) else { throw Diagnostic("cannot convert '\(s)' to \(type.sql)", at: range) }
                d = p
            default: d = v.asDecimal
            }
            // The value must keep its whole digits within width - scale, as DuckDB checks.
            guard let r = d?.withScale(scale), DecimalValue.digits(r.units) <= width || r.isZero,
                  let out = DecimalValue(units: r.units, scale: scale, width: width) else {
                throw Diagnostic("\(v.display ?? "") is out of range for \(type.sql)", at: range)
            }
            return .decimal(out)
        case .percentage:
            switch v {
            case .percentage: return v
            case .text(let s):
                let t = String(trimmed(s))
                guard let d = t.hasSuffix("%") ? DecimalValue.parse(String(t.dropLast()), shift: 2) : DecimalValue.parse(t) else {
                    throw Diagnostic("cannot convert '\(s)' to PERCENTAGE (expected e.g. '82%' or 0.82)", at: range)
                }
                return .percentage(d)
            case .boolean:
                throw Diagnostic("cannot convert a boolean to PERCENTAGE", at: range)
            default:
                guard let d = v.asDecimal ?? v.asDouble.flatMap({ DecimalValue(approximating: $0) }) else {
                    throw Diagnostic("\(v.display ?? "") is out of range for PERCENTAGE", at: range)
                }
                return .percentage(d)
            }
        }
    }

    /// wholeNumber rounds a double to a whole number, refusing what does not fit in 64 bits.
    static func wholeNumber(_ d: Double, name: String, shown: String, halvesToEven: Bool = false, range: SourceRange) throws -> Int64 {
        let r = d.rounded(halvesToEven ? .toNearestOrEven : .toNearestOrAwayFromZero)
        guard r.isFinite, r >= -9.223372036854775e18, r <= 9.223372036854775e18 else {
            throw Diagnostic("\(shown) is out of range for \(name)", at: range)
        }
        return Int64(r)
    }

    static func trimmed(_ s: String) -> Substring {
        var t = s[...]
        while t.first?.isWhitespace == true { t.removeFirst() }
        while t.last?.isWhitespace == true { t.removeLast() }
        return t
    }

    /// coerce converts a value to the type CASE, COALESCE, UNION ALL or a lag default settled on: integers and
    /// fractions to decimals, exact numbers to doubles, and a lag default to its value's fraction type.
    static func coerce(_ v: Value, to type: ValueType) -> Value {
        switch (v, type) {
        case (.integer(let i), .decimal): return .decimal(DecimalValue(i))
        case (.percentage(let d), .decimal), (.points(let d), .decimal): return .decimal(d)
        case (.integer, .double), (.decimal, .double), (.percentage, .double), (.points, .double):
            return v.asDouble.map(Value.double) ?? .null
        case (.integer, .percentage), (.decimal, .percentage), (.points, .percentage):
            return v.asDecimal.map(Value.percentage) ?? .null
        case (.integer, .points), (.decimal, .points), (.percentage, .points):
            return v.asDecimal.map(Value.points) ?? .null
        case (.double(let d), .decimal): return DecimalValue(approximating: d).map(Value.decimal) ?? .null
        case (.double(let d), .percentage): return DecimalValue(approximating: d).map(Value.percentage) ?? .null
        case (.double(let d), .points): return DecimalValue(approximating: d).map(Value.points) ?? .null
        default: return v
        }
    }
}
