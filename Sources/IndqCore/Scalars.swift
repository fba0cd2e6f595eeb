// Scalar functions, CAST and the conversions that CASE, COALESCE and UNION ALL apply. Each refuses overflow with
// an error at the call's place rather than trapping.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Scalars evaluates scalar functions and conversions.
enum Scalars {
    /// call applies a scalar function to argument values.
    static func call(_ name: String, _ args: [Value], range: SourceRange) throws -> Value {
        switch name {
        case "round":
            var digits: Int64 = 0
            if args.count == 2 {
                guard case .integer(let n) = args[1] else { return .null }
                digits = n
            }
            return try round(args[0], digits: digits, range: range)
        case "abs":
            switch args[0] {
            case .integer(let i):
                guard i != .min else { throw Diagnostic("integer overflow in abs (\(i) has no positive counterpart in 64 bits)", at: range) }
                return .integer(Swift.abs(i))
            case .decimal(let d): return .decimal(d.magnitude)
            case .double(let d): return .double(Swift.abs(d))
            case .percentage(let d): return .percentage(d.magnitude)
            case .points(let d): return .points(d.magnitude)
            default: return .null
            }
        case "coalesce":
            return args.first { !$0.isNull } ?? .null
        case "nullif":
            return Evaluator.compareValues(args[0], args[1]) == 0 ? .null : args[0]
        case "upper", "lower", "length":
            guard case .text(let s) = args[0] else { return .null }
            if name == "length" { return .integer(Int64(s.unicodeScalars.count)) }
            return .text(changeCase(s, upper: name == "upper"))
        case "substr", "replace", "trim", "ltrim", "rtrim", "left", "right", "strpos", "starts_with", "contains", "lpad", "rpad":
            if args.contains(where: \.isNull) { return .null }
            return try text(name, args, range: range)
        case "concat":
            let parts = args.compactMap(\.display)
            try Cancellation.allow(parts.reduce(0) { $0 + $1.utf8.count })
            return .text(parts.joined())
        case "concat_ws":
            guard let separator = args[0].display else { return .null }
            let parts = args.dropFirst().compactMap(\.display)
            try Cancellation.allow(parts.reduce(0) { $0 + $1.utf8.count + separator.utf8.count })
            return .text(parts.joined(separator: separator))
        case "greatest", "least":
            return args.filter { !$0.isNull }.reduce(Value.null) { best, v in
                guard !best.isNull else { return v }
                let c = Evaluator.compareValues(v, best) ?? 0
                return (name == "greatest" ? c > 0 : c < 0) ? v : best
            }
        case "mod":
            if args[0].isNull || args[1].isNull { return .null }
            return try mod(args[0], args[1], range: range)
        case "power", "sqrt", "exp", "ln", "log10":
            let xs = args.compactMap(\.asDouble)
            guard xs.count == args.count else { return .null }
            return try math(name, xs, range: range)
        case "floor", "ceil", "trunc":
            let rule: FloatingPointRoundingRule = name == "floor" ? .down : name == "ceil" ? .up : .towardZero
            switch args[0] {
            case .integer(let i): return name == "trunc" ? .integer(i) : .double(Double(i))
            case .double(let d): return .double(d.rounded(rule))
            case .decimal(let d): return .decimal(try whole(d, scale: 0, rule, name, range))
            // A percentage works on its percent figure, as round does: floor(85.8%) is 85%.
            case .percentage(let d): return .percentage(try whole(d, scale: 2, rule, name, range))
            case .points(let d): return .points(try whole(d, scale: 2, rule, name, range))
            default: return .null
            }
        case "sign":
            if let d = args[0].asDecimal { return .integer(d.isZero ? 0 : d.isNegative ? -1 : 1) }
            guard let d = args[0].asDouble else { return .null }
            return .integer(d > 0 ? 1 : d < 0 ? -1 : 0)
        case "typeof":
            switch args[0] {
            case .null: return args[1]
            case .percentage: return .text("PERCENTAGE")
            case .points: return .text("POINTS")
            default: return .text(args[0].duckDBTypeName)
            }
        default:
            throw Diagnostic("unknown function '\(name)'", at: range)
        }
    }

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

    /// text applies a text function to non-null arguments. Positions and lengths count Unicode code points, as
    /// DuckDB does, and every count is clamped, so that no argument can overflow.
    static func text(_ name: String, _ args: [Value], range: SourceRange) throws -> Value {
        func str(_ i: Int) -> [Unicode.Scalar] {
            if case .text(let t) = args[i] { return Array(t.unicodeScalars) }
            return []
        }
        func int(_ i: Int) -> Int64 {
            if case .integer(let n) = args[i] { return n }
            return 0
        }
        func out(_ scalars: some Sequence<Unicode.Scalar>) -> Value {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return .text(String(view))
        }
        let s = str(0)
        let size = Int64(s.count)
        switch name {
        case "substr":
            // DuckDB's rule: a start of 0 is one before the first character, a negative start counts from the end, a
            // negative length takes the characters before the start; whatever falls outside the text is dropped.
            let offset = int(1)
            let first = offset > 0 ? offset - 1 : offset < 0 ? size.addingReportingOverflow(offset).partialValue : -1
            var lo = first, hi = size
            if args.count == 3 {
                let length = int(2)
                let (moved, overflow) = first.addingReportingOverflow(length)
                let bound = overflow ? (length > 0 ? Int64.max : Int64.min) : moved
                (lo, hi) = length >= 0 ? (first, bound) : (bound, first)
            }
            lo = min(max(lo, 0), size)
            hi = min(max(hi, 0), size)
            return lo < hi ? out(s[Int(lo)..<Int(hi)]) : .text("")
        case "replace":
            guard case .text(let t) = args[0], case .text(let from) = args[1], case .text(let to) = args[2] else { return .null }
            // At most every character starts a match: refuse a result that could pass the limit before building it.
            if !from.isEmpty && to.utf8.count > from.utf8.count {
                try Cancellation.allow(t.utf8.count + t.unicodeScalars.count / from.unicodeScalars.count * to.utf8.count)
            }
            return .text(from.isEmpty ? t : t.replacingAll(from, with: to))
        case "trim", "ltrim", "rtrim":
            let set = Set(args.count == 2 ? str(1) : [" "])
            var lo = 0, hi = s.count
            if name != "rtrim" { while lo < hi && set.contains(s[lo]) { lo += 1 } }
            if name != "ltrim" { while hi > lo && set.contains(s[hi - 1]) { hi -= 1 } }
            return out(s[lo..<hi])
        case "left", "right":
            let n = int(1)
            let keep = Int(n >= 0 ? min(n, size) : max(0, size - min(-(n + 1), size - 1) - 1))
            return out(name == "left" ? s[0..<keep] : s[(s.count - keep)...])
        case "strpos":
            let part = str(1)
            if part.isEmpty { return .integer(1) }
            guard part.count <= s.count else { return .integer(0) }
            for i in 0...(s.count - part.count) where s[i] == part[0] && Array(s[i..<(i + part.count)]) == part {
                return .integer(Int64(i + 1))
            }
            return .integer(0)
        case "starts_with":
            let p = str(1)
            return .boolean(p.count <= s.count && Array(s[0..<p.count]) == p)
        case "contains":
            let part = str(1)
            if part.isEmpty { return .boolean(true) }
            guard part.count <= s.count else { return .boolean(false) }
            return .boolean((0...(s.count - part.count)).contains { i in s[i] == part[0] && Array(s[i..<(i + part.count)]) == part })
        default:
            // lpad, rpad
            let n = int(1)
            if n <= 0 { return .text("") }
            guard n <= Int64(maxTextLength) else {
                throw Diagnostic("\(name) to \(n) characters is too long (limit is \(maxTextLength))", at: range)
            }
            let target = Int(n)
            if target <= s.count { return out(s[0..<target]) }
            let pad = str(2)
            guard !pad.isEmpty else {
                throw Diagnostic("\(name) needs padding to make the text \(target) characters long, but the padding is empty", at: range)
            }
            try Cancellation.allow(target * 4)
            let fill = (0..<(target - s.count)).map { pad[$0 % pad.count] }
            return out(name == "lpad" ? fill + s : s + fill)
        }
    }

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

    /// math computes power, sqrt, exp, ln and log10 as doubles. What has no real answer is an error that says why,
    /// as DuckDB's are; a result too large for a double is an overflow error, as everywhere in indq.
    static func math(_ name: String, _ x: [Double], range: SourceRange) throws -> Value {
        let r: Double
        switch name {
        case "power":
            r = pow(x[0], x[1])
            if r.isNaN { throw Diagnostic("power of a negative number to a fractional exponent is not a real number", at: range) }
        case "sqrt":
            if x[0] < 0 { throw Diagnostic("cannot take the square root of a negative number", at: range) }
            r = x[0].squareRoot()
        case "exp":
            r = exp(x[0])
        default:
            if x[0] == 0 { throw Diagnostic("cannot take the logarithm of zero", at: range) }
            if x[0] < 0 { throw Diagnostic("cannot take the logarithm of a negative number", at: range) }
            r = name == "ln" ? log(x[0]) : log10(x[0])
        }
        guard r.isFinite else { throw Diagnostic("number overflow in \(name) (the result is too large for a double)", at: range) }
        return .double(r)
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
