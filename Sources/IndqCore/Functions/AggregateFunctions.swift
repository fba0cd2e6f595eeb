// The aggregates, as accumulators: a group (or a window's running frame) keeps one accumulator, adds each row's
// value as it goes by and asks for the result at the end, so a group's rows need not be held. Aggregates that need
// every value (median, quantile_cont, string_agg) keep the values inside their accumulator.

/// AggregateSetup is what an accumulator is made with.
public struct AggregateSetup: Sendable {
    /// type is the aggregate's result type, as the typing rule gave it.
    public var type: ValueType
    /// range is the call's place, for overflow errors.
    public var range: SourceRange
    /// parameter is the constant argument after the row arguments: quantile_cont's q, string_agg's separator.
    public var parameter: Value?
    public var distinct = false
    /// star: the call was f(*), which counts every row.
    public var star = false

    public init(type: ValueType, range: SourceRange, parameter: Value? = nil, distinct: Bool = false, star: Bool = false) {
        self.type = type
        self.range = range
        self.parameter = parameter
        self.distinct = distinct
        self.star = star
    }
}

/// Accumulator computes one aggregate over values that arrive one at a time. Nulls are passed in and ignored (only
/// count(*) counts them); a call without arguments adds `.null` once per row. `finish` does not consume the state,
/// so a running window frame can add rows and ask for the result after each.
public protocol Accumulator {
    /// add takes one row's value.
    mutating func add(_ value: Value) throws
    /// add takes one row's value and the value it is ranked by, for aggregates of two row arguments (arg_max).
    mutating func add(_ value: Value, by key: Value) throws
    func finish() throws -> Value
}

extension Accumulator {
    public mutating func add(_ value: Value, by key: Value) throws { try add(value) }

    /// add(contentsOf:) adds a column of values; accumulators may do it faster one day, over a column batch.
    public mutating func add(contentsOf values: some Sequence<Value>) throws {
        for v in values { try add(v) }
    }
}

/// AccumulatorFactory makes the accumulator of one aggregate for one group.
public typealias AccumulatorFactory = @Sendable (AggregateSetup) -> Accumulator

/// DistinctAccumulator feeds its inner accumulator each distinct non-null value once: count(DISTINCT x).
struct DistinctAccumulator: Accumulator {
    var inner: Accumulator
    var seen = Set<ValueKey>()
    init(_ inner: Accumulator) { self.inner = inner }

    mutating func add(_ value: Value) throws {
        if value.isNull || !seen.insert(ValueKey(value)).inserted { return }
        try inner.add(value)
    }

    mutating func add(_ value: Value, by key: Value) throws {
        if value.isNull || key.isNull || !seen.insert(ValueKey(value)).inserted { return }
        try inner.add(value, by: key)
    }

    func finish() throws -> Value { try inner.finish() }
}

extension FunctionRegistry {
    static let aggregateFunctions: [FunctionEntry] = [
        FunctionEntry("count", kind: .aggregate, arity: 0...1, takesStar: true, signature: "count(*), count(x), count(DISTINCT x)",
                      summary: "the number of rows, of non-null values, or of distinct values",
                      example: .init(sql: "select count(*), count(distinct categorie) from regulier", result: "15 | 5"),
                      typing: { _ in CallType(.integer) }, implementation: .aggregate { s in CountAccumulator(star: s.star) },
                      alsoWindow: true, exactOverApproximate: true),
        FunctionEntry("sum", kind: .aggregate, arity: 1...1, signature: "sum(x)", summary: "the total of the non-null values",
                      example: .init(sql: "select sum(year - 2000) from studenten", result: "60"),
                      typing: { c in
                          try c.numbers()
                          // As DuckDB: a sum keeps counts, decimals and doubles. indq's own: the sum of points is
                          // points, and the sum of percentages a decimal.
                          switch c[0].type {
                          case .null, .integer: return CallType(.integer)
                          case .percentage: return CallType(.decimal)
                          default: return CallType(c[0].type)
                          }
                      }, implementation: .aggregate { s in SumAccumulator(type: s.type, range: s.range) }, alsoWindow: true, note: .adds),
        FunctionEntry("avg", kind: .aggregate, arity: 1...1, signature: "avg(x)",
                      summary: "the mean of the non-null values; the mean of percentages is a percentage",
                      example: .init(sql: "select avg(year) from studenten", result: "2020.0"),
                      typing: { c in
                          try c.numbers()
                          // As DuckDB, avg is a double; indq's own: the mean of percentages (or points) is one.
                          return CallType([.percentage, .points, .number].contains(c[0].type) ? c[0].type : .double)
                      }, implementation: .aggregate { s in AverageAccumulator(type: s.type, range: s.range) }, alsoWindow: true, note: .adds),
        FunctionEntry("min", kind: .aggregate, arity: 1...1, signature: "min(x)", summary: "the smallest value",
                      example: .init(sql: "select min(year) from regulier", result: "2019"),
                      typing: { c in CallType(c[0].type) }, implementation: .aggregate { _ in ExtremeAccumulator(largest: false) },
                      alsoWindow: true, note: .compares),
        FunctionEntry("max", kind: .aggregate, arity: 1...1, signature: "max(x)", summary: "the largest value",
                      example: .init(sql: "select max(year) filter (where categorie = 'studenten') from regulier", result: "2021"),
                      typing: { c in CallType(c[0].type) }, implementation: .aggregate { _ in ExtremeAccumulator(largest: true) },
                      alsoWindow: true, note: .compares),
        FunctionEntry("median", kind: .aggregate, arity: 1...1, signature: "median(x)",
                      summary: "the middle value (between the two middle ones for an even count); a double for whole numbers, else the type of x",
                      example: .init(sql: "select median(year) from studenten", result: "2020.0"),
                      typing: quantileType, implementation: .aggregate { s in
                          QuantileAccumulator(q: .decimal(DecimalValue(units: 5, scale: 1)!), type: s.type, range: s.range)
                      }, alsoWindow: true),
        FunctionEntry("quantile_cont", kind: .aggregate, arity: 2...2, signature: "quantile_cont(x, q)",
                      summary: "the q-quantile (q from 0 to 1), interpolated between the two nearest values, typed as median",
                      example: .init(sql: "select quantile_cont(year, 0.25) from studenten", result: "2019.5"),
                      typing: { c in
                          guard let q = c[1].constant, let f = q.asDouble, f >= 0, f <= 1 else {
                              throw Diagnostic("quantile_cont's q must be a constant from 0 to 1, e.g. quantile_cont(x, 0.25)", at: c[1].range)
                          }
                          return try quantileType(c)
                      }, implementation: .aggregate { s in QuantileAccumulator(q: s.parameter, type: s.type, range: s.range) }, alsoWindow: true),
        FunctionEntry("stddev_samp", kind: .aggregate, arity: 1...1, signature: "stddev_samp(x)",
                      summary: "the sample standard deviation, a double; null for fewer than two values",
                      example: .init(sql: "select stddev_samp(year) from studenten", result: "1.0"),
                      typing: numberToDouble, implementation: .aggregate { s in VarianceAccumulator(root: true, name: "stddev_samp", range: s.range) },
                      alsoWindow: true),
        FunctionEntry("var_samp", kind: .aggregate, arity: 1...1, signature: "var_samp(x)",
                      summary: "the sample variance, a double; null for fewer than two values",
                      example: .init(sql: "select var_samp(year) from studenten", result: "1.0"),
                      typing: numberToDouble, implementation: .aggregate { s in VarianceAccumulator(root: false, name: "var_samp", range: s.range) },
                      alsoWindow: true),
        FunctionEntry("count_if", kind: .aggregate, arity: 1...1, signature: "count_if(condition)",
                      summary: "the number of rows where the condition is true",
                      example: .init(sql: "select count_if(year >= 2020) from studenten", result: "2"),
                      typing: { c in
                          try c.condition(0, for: "count_if")
                          return CallType(.integer)
                      }, implementation: .aggregate { _ in CountIfAccumulator() }, alsoWindow: true, exactOverApproximate: true),
        FunctionEntry("arg_max", kind: .aggregate, arity: 2...2, signature: "arg_max(x, y)",
                      summary: "x from the row with the largest y (the first such row)",
                      example: .init(sql: "select arg_max(nationaliteit, rang) from nationaliteiten where categorie = 'studenten'", result: "Amerikaanse"),
                      typing: argExtremeType, implementation: .aggregate { _ in ArgExtremeAccumulator(largest: true) },
                      alsoWindow: true, rowArguments: 2),
        FunctionEntry("arg_min", kind: .aggregate, arity: 2...2, signature: "arg_min(x, y)",
                      summary: "x from the row with the smallest y (the first such row)",
                      example: .init(sql: "select arg_min(nationaliteit, rang) from nationaliteiten where categorie = 'studenten'", result: "Chinese"),
                      typing: argExtremeType, implementation: .aggregate { _ in ArgExtremeAccumulator(largest: false) },
                      alsoWindow: true, rowArguments: 2),
        FunctionEntry("string_agg", kind: .aggregate, arity: 1...2, signature: "string_agg(text[, separator])",
                      summary: "the values joined by the separator (default ','), nulls left out",
                      example: .init(sql: "select string_agg(year, ', ') from studenten", result: "2019, 2020, 2021"),
                      typing: { c in
                          guard c[0].type != .boolean else { throw Diagnostic("string_agg joins text or numbers, found boolean", at: c[0].range) }
                          if c.arguments.count == 2 {
                              guard let sep = c[1].constant, sep.type == .text || sep.isNull else {
                                  throw Diagnostic("string_agg's separator must be a text constant, e.g. string_agg(x, ', ')", at: c[1].range)
                              }
                          }
                          return CallType(.text)
                      }, implementation: .aggregate { s in StringAggregator(separator: s.parameter) }, alsoWindow: true),
    ]
}

// MARK: Typing rules

/// quantileType: as DuckDB, the median of integers is a double, of decimals (and fractions) a decimal.
private let quantileType: TypingRule = { c in
    guard c[0].type.isNumeric else { throw Diagnostic("\(c.name) takes numbers, found \(c[0].type.rawValue)", at: c[0].range) }
    return CallType(c[0].type == .integer || c[0].type == .null ? .double : c[0].type)
}

private let numberToDouble: TypingRule = { c in
    guard c[0].type.isNumeric else { throw Diagnostic("\(c.name) takes numbers, found \(c[0].type.rawValue)", at: c[0].range) }
    return CallType(.double)
}

private let argExtremeType: TypingRule = { c in
    guard c[1].type != .boolean else {
        throw Diagnostic("\(c.name) orders by its second argument, which must be a number or text, found boolean", at: c[1].range)
    }
    return CallType(c[0].type)
}

// MARK: Accumulators

/// CountAccumulator counts non-null values, or with star every row.
struct CountAccumulator: Accumulator {
    var star: Bool
    var n: Int64 = 0
    mutating func add(_ value: Value) { if star || !value.isNull { n += 1 } }
    func finish() -> Value { .integer(n) }
}

struct CountIfAccumulator: Accumulator {
    var n: Int64 = 0
    mutating func add(_ value: Value) { if value == .boolean(true) { n += 1 } }
    func finish() -> Value { .integer(n) }
}

/// SumAccumulator adds as DuckDB's sum: whole numbers exactly in 64 bits (an overflow is an error), any double makes
/// the sum a double, and decimals add exactly, as DECIMAL(38, s). Each total is kept as values arrive, so that the
/// result is the one a pass over all values in order would give.
struct SumAccumulator: Accumulator {
    var type: ValueType
    var range: SourceRange
    var any = false
    var allIntegers = true
    var anyDouble = false
    var integerTotal: Int64 = 0
    var integerOverflow = false
    /// wide is the exact total of the whole numbers so far, from which the decimal total starts.
    var wide: Int128 = 0
    var doubleTotal = 0.0
    /// decimalTotal is kept once a value is not a whole number; nil after an overflow.
    var decimalTotal: DecimalValue?
    var decimalOverflow = false

    init(type: ValueType, range: SourceRange) {
        self.type = type
        self.range = range
    }

    mutating func add(_ value: Value) throws {
        if value.isNull { return }
        any = true
        doubleTotal += value.asDouble ?? 0
        if value.type == .double { anyDouble = true }
        if case .integer(let i) = value, allIntegers {
            if !integerOverflow {
                let (r, overflow) = integerTotal.addingReportingOverflow(i)
                if overflow { integerOverflow = true } else { integerTotal = r }
            }
            wide += Int128(i)
            return
        }
        if allIntegers {
            allIntegers = false
            decimalTotal = DecimalValue(units: wide, scale: 0)
            if decimalTotal == nil { decimalOverflow = true }
        }
        guard !anyDouble, !decimalOverflow else { return }
        guard let d = value.asDecimal, let total = decimalTotal, let t = total + d else {
            decimalOverflow = true
            return
        }
        decimalTotal = t
    }

    func finish() throws -> Value {
        guard any else { return .null }
        if allIntegers {
            if integerOverflow { throw Diagnostic("integer overflow in sum (the total does not fit in 64 bits)", at: range) }
            return .integer(integerTotal)
        }
        if anyDouble {
            guard doubleTotal.isFinite else { throw Diagnostic("number overflow in sum (the total is too large for a double)", at: range) }
            return .double(doubleTotal)
        }
        guard !decimalOverflow, let total = decimalTotal,
              let wide = DecimalValue(units: total.units, scale: total.scale, width: DecimalValue.maxDigits) else {
            throw Arithmetic.overflow("sum", at: range)
        }
        return Arithmetic.wrap(wide, as: type == .points ? .points : .decimal)
    }
}

/// AverageAccumulator: avg is a double, as in DuckDB; the mean of percentages (or points) stays one, exact to 18
/// decimals.
struct AverageAccumulator: Accumulator {
    var type: ValueType
    var range: SourceRange
    var n = 0
    var doubleTotal = 0.0
    var allPercentages = true
    var allPoints = true
    /// exactTotal is the exact sum while every value is exact; nil once it is not, or overflowed.
    var exactTotal: DecimalValue? = DecimalValue(0)

    init(type: ValueType, range: SourceRange) {
        self.type = type
        self.range = range
    }

    mutating func add(_ value: Value) {
        if value.isNull { return }
        n += 1
        doubleTotal += value.asDouble ?? 0
        if value.type != .percentage { allPercentages = false }
        if value.type != .points { allPoints = false }
        guard allPercentages || allPoints, let total = exactTotal else { return }
        if let d = value.asDecimal, let t = total + d { exactTotal = t } else { exactTotal = nil }
    }

    func finish() throws -> Value {
        guard n > 0 else { return .null }
        let fractions: ValueType? = allPercentages ? .percentage : allPoints ? .points : nil
        if let fractions, type != .double, let mean = exactMean() { return Arithmetic.wrap(mean, as: fractions) }
        let mean = doubleTotal / Double(n)
        guard mean.isFinite else { throw Diagnostic("number overflow in avg (the total is too large for a double)", at: range) }
        return .double(mean)
    }

    /// exactMean is the mean to 18 decimals, halves away from zero; nil if it does not fit.
    func exactMean() -> DecimalValue? {
        guard let total = exactTotal else { return nil }
        let scale = max(18, total.scale)
        guard let wide = total.withScale(scale + 1) else { return nil }
        // One extra digit, then rounding, gives halves away from zero.
        return DecimalValue(units: wide.units / Int128(n), scale: scale + 1)?.rounded(to: scale)?.trimmed
    }
}

/// ExtremeAccumulator is min and max: the first of the smallest (or largest) values.
struct ExtremeAccumulator: Accumulator {
    var largest: Bool
    var best: Value = .null
    mutating func add(_ value: Value) {
        if value.isNull { return }
        if best.isNull { best = value; return }
        let c = SQL.compare(value, best) ?? 0
        if largest ? c > 0 : c < 0 { best = value }
    }
    func finish() -> Value { best }
}

/// QuantileAccumulator keeps every value, for median and quantile_cont.
struct QuantileAccumulator: Accumulator {
    var q: Value?
    var type: ValueType
    var range: SourceRange
    var values: [Value] = []
    mutating func add(_ value: Value) throws {
        if value.isNull { return }
        try Cancellation.charge(16)
        values.append(value)
    }
    func finish() throws -> Value {
        values.isEmpty ? .null : try quantile(values, q: q, type: type, range: range)
    }
}

/// VarianceAccumulator is Welford's method: one pass, without the cancellation of a sum of squares.
struct VarianceAccumulator: Accumulator {
    var root: Bool
    var name: String
    var range: SourceRange
    var n = 0.0, mean = 0.0, m2 = 0.0
    mutating func add(_ value: Value) {
        guard let x = value.asDouble else { return }
        n += 1
        let delta = x - mean
        mean += delta / n
        m2 += delta * (x - mean)
    }
    func finish() throws -> Value {
        guard n >= 2 else { return .null }
        let variance = m2 / (n - 1)
        let r = root ? variance.squareRoot() : variance
        guard r.isFinite else { throw Diagnostic("number overflow in \(name) (the result is too large for a double)", at: range) }
        return .double(r)
    }
}

/// ArgExtremeAccumulator is arg_max and arg_min: x from the first row whose y is the largest or smallest; rows where
/// either is null do not count, as in DuckDB.
struct ArgExtremeAccumulator: Accumulator {
    var largest: Bool
    var best: (x: Value, y: Value)?
    mutating func add(_ value: Value) {}
    mutating func add(_ value: Value, by key: Value) {
        if value.isNull || key.isNull { return }
        if let b = best {
            let c = SQL.compare(key, b.y) ?? 0
            if largest ? c > 0 : c < 0 { best = (value, key) }
        } else {
            best = (value, key)
        }
    }
    func finish() -> Value { best?.x ?? .null }
}

/// StringAggregator keeps the values' text; the result is refused before it is built if it would pass the memory limit.
struct StringAggregator: Accumulator {
    var separator: Value?
    var parts: [String] = []
    var bytes = 0
    mutating func add(_ value: Value) throws {
        guard let text = value.display else { return }
        try Cancellation.charge(16)
        parts.append(text)
        bytes += text.utf8.count
    }
    func finish() throws -> Value {
        if parts.isEmpty || separator?.isNull == true { return .null }
        let separator = separator?.display ?? ","
        try Cancellation.allow(bytes + parts.count * separator.utf8.count)
        return .text(parts.joined(separator: separator))
    }
}

/// quantile interpolates between the two values nearest the q-quantile, as DuckDB's quantile_cont: as doubles
/// for integers and doubles; exactly for decimals and fractions, at the largest scale among them, with the
/// fraction of the step rounded down, as DuckDB's DECIMAL quantile does (the median of 1.25 and 2.50 is 1.87).
func quantile(_ values: [Value], q: Value?, type: ValueType, range: SourceRange) throws -> Value {
    let exact = values.compactMap(\.asDecimal)
    if type == .double || type == .integer || exact.count < values.count {
        let sorted = values.compactMap(\.asDouble).sorted()
        let position = (q?.asDouble ?? 0.5) * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down)), hi = Int(position.rounded(.up))
        let r = sorted[lo] + (sorted[hi] - sorted[lo]) * (position - Double(lo))
        guard r.isFinite else { throw Diagnostic("number overflow in quantile_cont", at: range) }
        return .double(r)
    }
    let overflow = Diagnostic("decimal overflow in quantile_cont", at: range)
    let sorted = exact.sorted { DecimalValue.compare($0, $1) < 0 }
    let scale = sorted.map(\.scale).max() ?? 0
    guard let qd = q?.asDecimal ?? (q?.asDouble).flatMap({ DecimalValue(approximating: $0) }),
          let position = qd * DecimalValue(Int64(sorted.count - 1)), let unit = DecimalValue.pow10(position.scale) else { throw overflow }
    let index = Int(position.units / unit), fraction = position.units % unit
    guard let lo = sorted[index].withScale(scale), let hi = sorted[min(index + 1, sorted.count - 1)].withScale(scale) else { throw overflow }
    let (step, o1) = (hi.units - lo.units).multipliedReportingOverflow(by: fraction)
    guard !o1, let r = DecimalValue(units: lo.units + step / unit, scale: scale, width: max(lo.width, hi.width)) else { throw overflow }
    return Arithmetic.wrap(r, as: type == .number ? .decimal : type)
}
