// The scalar functions: each entry's typing rule follows DuckDB's result types, and its implementation refuses
// overflow with an error at the call's place rather than trapping. Null arguments give null unless a function says
// otherwise (coalesce, concat).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FunctionRegistry {
    static let scalarFunctions: [FunctionEntry] = [
        FunctionEntry("round", kind: .scalar, arity: 1...2, signature: "round(x[, n])",
                      summary: "rounds to n decimals (default 0), halves away from zero; a percentage rounds its percent figure: round(85.83%) is 86%",
                      example: .init(sql: "select round(2.345, 2), round(-2.5)", result: "2.35 | -3"),
                      typing: numberKeepingType, implementation: .scalar { args, range in
                          var digits: Int64 = 0
                          if args.count == 2 {
                              guard case .integer(let n) = args[1] else { return .null }
                              digits = n
                          }
                          return try Scalars.round(args[0], digits: digits, range: range)
                      }),
        FunctionEntry("abs", kind: .scalar, arity: 1...1, signature: "abs(x)", summary: "the absolute value",
                      example: .init(sql: "select abs(-7), abs(-2.5)", result: "7 | 2.5"),
                      typing: numberKeepingType, implementation: .scalar { args, range in
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
                      }),
        FunctionEntry("coalesce", kind: .scalar, arity: 1...100, signature: "coalesce(a, b, …)",
                      summary: "the first argument that is not null",
                      example: .init(sql: "select coalesce(null, 1, 2.5)", result: "1.0"),
                      typing: { c in try unifying(c, "coalesce arguments") }, implementation: .scalar(firstNonNull)),
        FunctionEntry("nullif", kind: .scalar, arity: 2...2, signature: "nullif(a, b)", summary: "null when a equals b, else a",
                      example: .init(sql: "select nullif(0, 0), nullif(5, 0)", result: "NULL | 5"),
                      typing: { c in
                          let (a, b) = (c[0], c[1])
                          // A text constant beside a date reads as a date, as in comparisons.
                          if a.type == .date, b.type == .text, b.constant != nil {
                              var t = CallType(.date)
                              t.conversions = [(1, .date)]
                              return t
                          }
                          let ok = a.type == .null || b.type == .null || (a.type.isNumeric && b.type.isNumeric) || a.type == b.type
                          guard ok else {
                              let hint = a.type == .text || b.type == .text ? " (write numbers without quotes, and text in 'single quotes')" : ""
                              throw Diagnostic("cannot compare \(a.type.rawValue) with \(b.type.rawValue) using nullif\(hint)", at: a.range.to(b.range))
                          }
                          return CallType(a.type)
                      }, implementation: .scalar { args, _ in SQL.compare(args[0], args[1]) == 0 ? .null : args[0] }),
        FunctionEntry("upper", kind: .scalar, arity: 1...1, signature: "upper(text)", summary: "text in capitals",
                      example: .init(sql: "select upper('asiel')", result: "ASIEL"),
                      typing: { c in try textArgument(c, giving: .text) },
                      implementation: .scalar(nullsGiveNull { args, _ in .text(Scalars.changeCase(string(args, 0), upper: true)) })),
        FunctionEntry("lower", kind: .scalar, arity: 1...1, signature: "lower(text)", summary: "text in small letters",
                      example: .init(sql: "select lower('IND')", result: "ind"),
                      typing: { c in try textArgument(c, giving: .text) },
                      implementation: .scalar(nullsGiveNull { args, _ in .text(Scalars.changeCase(string(args, 0), upper: false)) })),
        FunctionEntry("length", kind: .scalar, arity: 1...1, signature: "length(text)", summary: "the number of characters",
                      example: .init(sql: "select length('inwilliging')", result: "11"),
                      typing: { c in try textArgument(c, giving: .integer) },
                      implementation: .scalar(nullsGiveNull { args, _ in .integer(Int64(string(args, 0).unicodeScalars.count)) })),
        FunctionEntry("substr", aliases: ["substring"], kind: .scalar, arity: 2...3, signature: "substr(text, start[, length]), also substring",
                      summary: "the characters from position start (1 is the first; negative counts from the end), length of them or all the rest",
                      example: .init(sql: "select substr('verblijf', 1, 4), substring('verblijf', -4)", result: "verb | lijf"),
                      typing: textRule(wholeNumbers: [1, 2], giving: .text), implementation: .scalar(nullsGiveNull(substr))),
        FunctionEntry("replace", kind: .scalar, arity: 3...3, signature: "replace(text, from, to)",
                      summary: "text with every occurrence of from replaced by to",
                      example: .init(sql: "select replace('aanvraag', 'aa', 'A')", result: "AnvrAg"),
                      typing: textRule(giving: .text), implementation: .scalar(nullsGiveNull { args, _ in
                          let (t, from, to) = (string(args, 0), string(args, 1), string(args, 2))
                          // At most every character starts a match: refuse a result that could pass the limit before building it.
                          if !from.isEmpty && to.utf8.count > from.utf8.count {
                              try Cancellation.allow(t.utf8.count + t.unicodeScalars.count / from.unicodeScalars.count * to.utf8.count)
                          }
                          return .text(from.isEmpty ? t : t.replacingAll(from, with: to))
                      })),
        FunctionEntry("trim", kind: .scalar, arity: 1...2, signature: "trim(text[, characters])",
                      summary: "text without spaces (or the given characters) at either end",
                      example: .init(sql: "select trim('  Totaal  ') || '|'", result: "Totaal|"),
                      typing: textRule(giving: .text), implementation: .scalar(nullsGiveNull { args, _ in trim(args, start: true, end: true) })),
        FunctionEntry("ltrim", kind: .scalar, arity: 1...2, signature: "ltrim(text[, characters])",
                      summary: "text without spaces (or the given characters) at the start",
                      example: .init(sql: "select ltrim('00042', '0')", result: "42"),
                      typing: textRule(giving: .text), implementation: .scalar(nullsGiveNull { args, _ in trim(args, start: true, end: false) })),
        FunctionEntry("rtrim", kind: .scalar, arity: 1...2, signature: "rtrim(text[, characters])",
                      summary: "text without spaces (or the given characters) at the end",
                      example: .init(sql: "select rtrim('2022...', '.')", result: "2022"),
                      typing: textRule(giving: .text), implementation: .scalar(nullsGiveNull { args, _ in trim(args, start: false, end: true) })),
        FunctionEntry("concat", kind: .scalar, arity: 1...100, signature: "concat(a, b, …)",
                      summary: "the arguments as text, joined; null arguments are left out",
                      example: .init(sql: "select concat('IND', ' ', 2022, null)", result: "IND 2022"),
                      typing: { _ in CallType(.text) }, implementation: .scalar { args, _ in
                          let parts = args.compactMap(\.display)
                          try Cancellation.allow(parts.reduce(0) { $0 + $1.utf8.count })
                          return .text(parts.joined())
                      }),
        FunctionEntry("concat_ws", kind: .scalar, arity: 2...100, signature: "concat_ws(separator, a, b, …)",
                      summary: "the arguments as text, joined by the separator; null arguments are left out",
                      example: .init(sql: "select concat_ws(' / ', 'a', null, 'b')", result: "a / b"),
                      typing: { c in
                          guard c[0].type == .text || c[0].type == .null else {
                              throw Diagnostic("concat_ws's separator must be text, found \(c[0].type.rawValue)", at: c[0].range)
                          }
                          return CallType(.text)
                      }, implementation: .scalar { args, _ in
                          guard let separator = args[0].display else { return .null }
                          let parts = args.dropFirst().compactMap(\.display)
                          try Cancellation.allow(parts.reduce(0) { $0 + $1.utf8.count + separator.utf8.count })
                          return .text(parts.joined(separator: separator))
                      }),
        FunctionEntry("left", kind: .scalar, arity: 2...2, signature: "left(text, n)",
                      summary: "the first n characters (a negative n: all but the last -n)",
                      example: .init(sql: "select left('studenten', 5), left('studenten', -3)", result: "stude | studen"),
                      typing: textRule(wholeNumbers: [1], giving: .text), implementation: .scalar(nullsGiveNull { args, _ in
                          let s = scalars(args, 0)
                          return text(s[0..<kept(s.count, integer(args, 1))])
                      })),
        FunctionEntry("right", kind: .scalar, arity: 2...2, signature: "right(text, n)",
                      summary: "the last n characters (a negative n: all but the first -n)",
                      example: .init(sql: "select right('studenten', 4)", result: "nten"),
                      typing: textRule(wholeNumbers: [1], giving: .text), implementation: .scalar(nullsGiveNull { args, _ in
                          let s = scalars(args, 0)
                          return text(s[(s.count - kept(s.count, integer(args, 1)))...])
                      })),
        FunctionEntry("strpos", kind: .scalar, arity: 2...2, signature: "strpos(text, part)",
                      summary: "the position of the first occurrence of part (1 is the first character), 0 if there is none",
                      example: .init(sql: "select strpos('kennis en talent', 'en')", result: "2"),
                      typing: textRule(giving: .integer), implementation: .scalar(nullsGiveNull { args, _ in
                          let s = scalars(args, 0), part = scalars(args, 1)
                          if part.isEmpty { return .integer(1) }
                          return .integer(Int64(firstOccurrence(of: part, in: s).map { $0 + 1 } ?? 0))
                      })),
        FunctionEntry("starts_with", kind: .scalar, arity: 2...2, signature: "starts_with(text, prefix)",
                      summary: "whether text begins with prefix",
                      example: .init(sql: "select starts_with('Totaal Lasten', 'Totaal')", result: "true"),
                      typing: textRule(giving: .boolean), implementation: .scalar(nullsGiveNull { args, _ in
                          let s = scalars(args, 0), p = scalars(args, 1)
                          return .boolean(p.count <= s.count && Array(s[0..<p.count]) == p)
                      })),
        FunctionEntry("contains", kind: .scalar, arity: 2...2, signature: "contains(text, part)",
                      summary: "whether part occurs in text",
                      example: .init(sql: "select contains('asielaanvragen', 'aanvragen')", result: "true"),
                      typing: textRule(giving: .boolean), implementation: .scalar(nullsGiveNull { args, _ in
                          let part = scalars(args, 1)
                          return .boolean(part.isEmpty || firstOccurrence(of: part, in: scalars(args, 0)) != nil)
                      })),
        FunctionEntry("lpad", kind: .scalar, arity: 3...3, signature: "lpad(text, n, padding)",
                      summary: "text made n characters long: padded at the start, or cut",
                      example: .init(sql: "select lpad('7', 3, '0')", result: "007"),
                      typing: textRule(wholeNumbers: [1], giving: .text),
                      implementation: .scalar(nullsGiveNull { args, range in try pad(args, "lpad", atStart: true, range: range) })),
        FunctionEntry("rpad", kind: .scalar, arity: 3...3, signature: "rpad(text, n, padding)",
                      summary: "text made n characters long: padded at the end, or cut",
                      example: .init(sql: "select rpad('ab', 5, '.')", result: "ab..."),
                      typing: textRule(wholeNumbers: [1], giving: .text),
                      implementation: .scalar(nullsGiveNull { args, range in try pad(args, "rpad", atStart: false, range: range) })),
        FunctionEntry("greatest", kind: .scalar, arity: 1...100, signature: "greatest(a, b, …)",
                      summary: "the largest argument that is not null",
                      example: .init(sql: "select greatest(3, 7, 5), greatest(1.5, 2)", result: "7 | 2.0"),
                      typing: { c in try unifying(c, "greatest's arguments") }, implementation: .scalar(extreme(largest: true))),
        FunctionEntry("least", kind: .scalar, arity: 1...100, signature: "least(a, b, …)",
                      summary: "the smallest argument that is not null",
                      example: .init(sql: "select least(3, 7, null)", result: "3"),
                      typing: { c in try unifying(c, "least's arguments") }, implementation: .scalar(extreme(largest: false))),
        FunctionEntry("mod", kind: .scalar, arity: 2...2, signature: "mod(a, b)",
                      summary: "the remainder of a divided by b, with the sign of a; null when b is 0",
                      example: .init(sql: "select mod(17, 5), mod(-17, 5)", result: "2 | -2"),
                      typing: { c in
                          try c.numbers()
                          // As `+`: integers stay integers, a double makes a double, two percentages (or points) stay one.
                          let (a, b) = (c[0].type, c[1].type)
                          return CallType(a == b && (a == .percentage || a == .points) ? a : Arithmetic.resultType(.multiply, a, b))
                      }, implementation: .scalar(nullsGiveNull { args, range in try Scalars.mod(args[0], args[1], range: range) }),
                      integerKernel: { xs, ys, validity in
                          var out = [Int64](repeating: 0, count: xs.count)
                          for i in xs.indices where validity?[i] ?? true {
                              if ys[i] == 0 {
                                  if validity == nil { validity = Array(repeating: true, count: xs.count) }
                                  validity![i] = false
                                  continue
                              }
                              let (r, overflow) = xs[i].remainderReportingOverflow(dividingBy: ys[i])
                              if overflow { return nil }
                              out[i] = r
                          }
                          return out
                      }),
        FunctionEntry("power", aliases: ["pow"], kind: .scalar, arity: 2...2, signature: "power(x, y), also pow",
                      summary: "x to the power y, a double",
                      example: .init(sql: "select power(2, 10)", result: "1024.0"),
                      typing: numbersToDouble, implementation: .scalar(math("power") { x in
                          let r = pow(x[0], x[1])
                          if r.isNaN { throw MathRefusal("power of a negative number to a fractional exponent is not a real number") }
                          return r
                      })),
        FunctionEntry("sqrt", kind: .scalar, arity: 1...1, signature: "sqrt(x)",
                      summary: "the square root, a double; an error for a negative x",
                      example: .init(sql: "select sqrt(16)", result: "4.0"),
                      typing: numbersToDouble, implementation: .scalar(math("sqrt") { x in
                          if x[0] < 0 { throw MathRefusal("cannot take the square root of a negative number") }
                          return x[0].squareRoot()
                      })),
        FunctionEntry("exp", kind: .scalar, arity: 1...1, signature: "exp(x)", summary: "e to the power x, a double",
                      example: .init(sql: "select exp(0)", result: "1.0"),
                      typing: numbersToDouble, implementation: .scalar(math("exp") { x in exp(x[0]) })),
        FunctionEntry("ln", kind: .scalar, arity: 1...1, signature: "ln(x)",
                      summary: "the natural logarithm, a double; an error for 0 or less",
                      example: .init(sql: "select ln(1)", result: "0.0"),
                      typing: numbersToDouble, implementation: .scalar(math("ln") { x in try logarithm(x[0], log) })),
        FunctionEntry("log10", kind: .scalar, arity: 1...1, signature: "log10(x)",
                      summary: "the logarithm to base 10, a double; an error for 0 or less",
                      example: .init(sql: "select log10(1000)", result: "3.0"),
                      typing: numbersToDouble, implementation: .scalar(math("log10") { x in try logarithm(x[0], log10) })),
        FunctionEntry("floor", kind: .scalar, arity: 1...1, signature: "floor(x)",
                      summary: "the largest whole number not above x; of a percentage, of its percent figure (floor(85.8%) is 85%)",
                      example: .init(sql: "select floor(2.7), floor(-2.7)", result: "2 | -3"),
                      typing: wholeNumberRule(integersGiveDouble: true), implementation: .scalar(rounding("floor", .down))),
        FunctionEntry("ceil", aliases: ["ceiling"], kind: .scalar, arity: 1...1, signature: "ceil(x), also ceiling",
                      summary: "the smallest whole number not below x; of a percentage, of its percent figure",
                      example: .init(sql: "select ceil(2.1), ceiling(-2.1)", result: "3 | -2"),
                      typing: wholeNumberRule(integersGiveDouble: true), implementation: .scalar(rounding("ceil", .up))),
        FunctionEntry("sign", kind: .scalar, arity: 1...1, signature: "sign(x)",
                      summary: "-1, 0 or 1, as x is negative, zero or positive",
                      example: .init(sql: "select sign(-4), sign(0), sign(2.5)", result: "-1 | 0 | 1"),
                      typing: { c in
                          guard c[0].type.isNumeric else { throw Diagnostic("sign takes a number, found \(c[0].type.rawValue)", at: c[0].range) }
                          return CallType(.integer)
                      }, implementation: .scalar { args, _ in
                          if let d = args[0].asDecimal { return .integer(d.isZero ? 0 : d.isNegative ? -1 : 1) }
                          guard let d = args[0].asDouble else { return .null }
                          return .integer(d > 0 ? 1 : d < 0 ? -1 : 0)
                      }),
        FunctionEntry("trunc", kind: .scalar, arity: 1...1, signature: "trunc(x)",
                      summary: "x without its fraction (towards zero); of a percentage, of its percent figure",
                      example: .init(sql: "select trunc(-2.7), trunc(7)", result: "-2 | 7"),
                      typing: wholeNumberRule(integersGiveDouble: false), implementation: .scalar(rounding("trunc", .towardZero))),
        FunctionEntry("typeof", kind: .scalar, arity: 1...1, signature: "typeof(x)",
                      summary: "the name of x's type, as DuckDB names it (BIGINT, DECIMAL(3,2), DOUBLE, VARCHAR, BOOLEAN), or PERCENTAGE, POINTS, NULL",
                      example: .init(sql: "select typeof(year), typeof(1.5), typeof('a') from studenten limit 1", result: "BIGINT | DECIMAL(2,1) | VARCHAR"),
                      typing: { c in
                          // A non-null value names its own type, with a decimal's width and scale, as DuckDB's typeof does;
                          // a null names the static type, which the appended argument carries.
                          var t = CallType(.text)
                          t.appended = [.text(Scalars.typeName(c[0].type))]
                          return t
                      }, implementation: .scalar { args, _ in
                          switch args[0] {
                          case .null: return args[1]
                          case .percentage: return .text("PERCENTAGE")
                          case .points: return .text("POINTS")
                          default: return .text(args[0].duckDBTypeName)
                          }
                      }),
        FunctionEntry("if", kind: .scalar, arity: 3...3, signature: "if(condition, a, b)",
                      summary: "a when the condition is true, else b (also when it is null)",
                      example: .init(sql: "select if(2 > 1, 'ja', 'nee')", result: "ja"),
                      typing: { c in
                          try c.condition(0, for: "if")
                          let results = CallTyping(name: c.name, arguments: Array(c.arguments.dropFirst()), range: c.range, usage: c.usage)
                          return CallType(try results.unified("if's results"))
                      }, implementation: .conditional),
        FunctionEntry("ifnull", kind: .scalar, arity: 2...2, signature: "ifnull(a, b)", summary: "a, or b when a is null",
                      example: .init(sql: "select ifnull(null, 'leeg')", result: "leeg"),
                      typing: { c in try unifying(c, "ifnull arguments") }, implementation: .scalar(firstNonNull)),
    ]
}

// MARK: Typing rules shared by several functions

/// numberKeepingType is round's and abs's rule: a number, whose type the result keeps.
private let numberKeepingType: TypingRule = { c in
    guard c[0].type.isNumeric else { throw Diagnostic("\(c.name) takes a number, found \(c[0].type.rawValue)", at: c[0].range) }
    if c.arguments.count == 2 && !(c[1].type == .integer || c[1].type == .null) {
        throw Diagnostic("round's number of decimals must be a whole number, found \(c[1].type.rawValue)", at: c[1].range)
    }
    return CallType(c[0].type == .null ? .integer : c[0].type)
}

/// numbersToDouble is the rule of power, sqrt, exp, ln and log10.
private let numbersToDouble: TypingRule = { c in
    try c.numbers()
    return CallType(.double)
}

/// unifying gives the arguments one type, to which the binder converts them.
private func unifying(_ c: CallTyping, _ what: String) throws -> CallType {
    var t = CallType(try c.unified(what))
    t.unifiesArguments = true
    return t
}

private func textArgument(_ c: CallTyping, giving type: ValueType) throws -> CallType {
    guard c[0].type == .text || c[0].type == .null else {
        throw Diagnostic("\(c.name) takes text, found \(c[0].type.rawValue)", at: c[0].range)
    }
    return CallType(type)
}

/// textRule: the arguments are text, except those at `wholeNumbers`, e.g. substr(text, int, int), lpad(text, int, text).
private func textRule(wholeNumbers: Set<Int> = [], giving type: ValueType) -> TypingRule {
    { c in
        for (i, a) in c.arguments.enumerated() {
            let want: ValueType = wholeNumbers.contains(i) ? .integer : .text
            guard a.type == want || a.type == .null else {
                throw Diagnostic("\(c.name)'s argument \(i + 1) must be \(want == .text ? "text" : "a whole number"), found \(a.type.rawValue)",
                                 at: a.range, notes: ["usage: \(c.usage)"])
            }
        }
        return CallType(type)
    }
}

/// wholeNumberRule is floor's, ceil's and trunc's: as in DuckDB, floor and ceil of an integer are doubles, trunc of
/// one stays an integer.
private func wholeNumberRule(integersGiveDouble: Bool) -> TypingRule {
    { c in
        guard c[0].type.isNumeric else { throw Diagnostic("\(c.name) takes a number, found \(c[0].type.rawValue)", at: c[0].range) }
        switch c[0].type {
        case .null: return CallType(.double)
        case .integer where integersGiveDouble: return CallType(.double)
        default: return CallType(c[0].type)
        }
    }
}

// MARK: Implementations shared by several functions

private let firstNonNull: ScalarFunction = { args, _ in args.first { !$0.isNull } ?? .null }

/// nullsGiveNull wraps a function that is null whenever an argument is.
private func nullsGiveNull(_ f: @escaping ScalarFunction) -> ScalarFunction {
    { args, range in args.contains(where: \.isNull) ? .null : try f(args, range) }
}

private func extreme(largest: Bool) -> ScalarFunction {
    { args, _ in
        args.filter { !$0.isNull }.reduce(Value.null) { best, v in
            guard !best.isNull else { return v }
            let c = SQL.compare(v, best) ?? 0
            return (largest ? c > 0 : c < 0) ? v : best
        }
    }
}

/// MathRefusal is a math function's reason why an argument has no real answer; it becomes an error at the call.
private struct MathRefusal: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// math computes a function of doubles; a result too large for a double is an overflow error, as everywhere in indq.
private func math(_ name: String, _ f: @escaping @Sendable ([Double]) throws -> Double) -> ScalarFunction {
    { args, range in
        let xs = args.compactMap(\.asDouble)
        guard xs.count == args.count else { return .null }
        let r: Double
        do { r = try f(xs) } catch let refusal as MathRefusal { throw Diagnostic(refusal.message, at: range) }
        guard r.isFinite else { throw Diagnostic("number overflow in \(name) (the result is too large for a double)", at: range) }
        return .double(r)
    }
}

private func logarithm(_ x: Double, _ log: (Double) -> Double) throws -> Double {
    if x == 0 { throw MathRefusal("cannot take the logarithm of zero") }
    if x < 0 { throw MathRefusal("cannot take the logarithm of a negative number") }
    return log(x)
}

/// rounding is floor, ceil and trunc: a percentage works on its percent figure, as round does (floor(85.8%) is 85%).
private func rounding(_ name: String, _ rule: FloatingPointRoundingRule) -> ScalarFunction {
    { args, range in
        switch args[0] {
        case .integer(let i): return rule == .towardZero ? .integer(i) : .double(Double(i))
        case .double(let d): return .double(d.rounded(rule))
        case .decimal(let d): return .decimal(try Scalars.whole(d, scale: 0, rule, name, range))
        case .percentage(let d): return .percentage(try Scalars.whole(d, scale: 2, rule, name, range))
        case .points(let d): return .points(try Scalars.whole(d, scale: 2, rule, name, range))
        default: return .null
        }
    }
}

// Text functions count Unicode code points, as DuckDB does, and clamp every count, so that no argument can overflow.

private func string(_ args: [Value], _ i: Int) -> String {
    if case .text(let t) = args[i] { return t }
    return ""
}

private func scalars(_ args: [Value], _ i: Int) -> [Unicode.Scalar] { Array(string(args, i).unicodeScalars) }

private func integer(_ args: [Value], _ i: Int) -> Int64 {
    if case .integer(let n) = args[i] { return n }
    return 0
}

private func text(_ scalars: some Sequence<Unicode.Scalar>) -> Value {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars)
    return .text(String(view))
}

/// kept is how many characters left and right keep of `size`: n of them, or for a negative n all but -n.
private func kept(_ size: Int, _ n: Int64) -> Int {
    let size = Int64(size)
    return Int(n >= 0 ? min(n, size) : max(0, size - min(-(n + 1), size - 1) - 1))
}

private func firstOccurrence(of part: [Unicode.Scalar], in s: [Unicode.Scalar]) -> Int? {
    guard part.count <= s.count else { return nil }
    return (0...(s.count - part.count)).first { i in s[i] == part[0] && Array(s[i..<(i + part.count)]) == part }
}

/// substr follows DuckDB: a start of 0 is one before the first character, a negative start counts from the end, a
/// negative length takes the characters before the start; whatever falls outside the text is dropped.
private let substr: ScalarFunction = { args, _ in
    let s = scalars(args, 0)
    let size = Int64(s.count)
    let offset = integer(args, 1)
    let first = offset > 0 ? offset - 1 : offset < 0 ? size.addingReportingOverflow(offset).partialValue : -1
    var lo = first, hi = size
    if args.count == 3 {
        let length = integer(args, 2)
        let (moved, overflow) = first.addingReportingOverflow(length)
        let bound = overflow ? (length > 0 ? Int64.max : Int64.min) : moved
        (lo, hi) = length >= 0 ? (first, bound) : (bound, first)
    }
    lo = min(max(lo, 0), size)
    hi = min(max(hi, 0), size)
    return lo < hi ? text(s[Int(lo)..<Int(hi)]) : .text("")
}

private func trim(_ args: [Value], start: Bool, end: Bool) -> Value {
    let s = scalars(args, 0)
    let set = Set(args.count == 2 ? scalars(args, 1) : [" "])
    var lo = 0, hi = s.count
    if start { while lo < hi && set.contains(s[lo]) { lo += 1 } }
    if end { while hi > lo && set.contains(s[hi - 1]) { hi -= 1 } }
    return text(s[lo..<hi])
}

/// pad is lpad and rpad, bounded by maxTextLength so that lpad('x', 1e18, 'y') is an error, not an exhausted memory.
private func pad(_ args: [Value], _ name: String, atStart: Bool, range: SourceRange) throws -> Value {
    let s = scalars(args, 0)
    let n = integer(args, 1)
    if n <= 0 { return .text("") }
    guard n <= Int64(Scalars.maxTextLength) else {
        throw Diagnostic("\(name) to \(n) characters is too long (limit is \(Scalars.maxTextLength))", at: range)
    }
    let target = Int(n)
    if target <= s.count { return text(s[0..<target]) }
    let padding = scalars(args, 2)
    guard !padding.isEmpty else {
        throw Diagnostic("\(name) needs padding to make the text \(target) characters long, but the padding is empty", at: range)
    }
    try Cancellation.allow(target * 4)
    let fill = (0..<(target - s.count)).map { padding[$0 % padding.count] }
    return text(atStart ? fill + s : s + fill)
}
