// The arithmetic of counts, decimals, doubles, percentages and percentage points: one table of result types that
// the binder (static types) and the executor (values) share, and the exact operations behind it. Overflow is an
// error with its place, never a trap.

/// Arithmetic computes `+ - * / //` and says what type each gives.
enum Arithmetic {
    /// resultType is the type of `l op r` for two numeric types:
    ///
    ///     integer ± * integer      integer            p + p               percentage
    ///     decimal with integer,    decimal            p - p               points
    ///       decimal or fraction                       p ± pp, pp ± p      percentage
    ///     anything with double     double             pp ± pp             points
    ///     x / y                    double             fraction * number   decimal
    ///
    /// `number` (a column of mixed figures) gives `number`: the row's values decide.
    static func resultType(_ op: BinaryOp, _ l: ValueType, _ r: ValueType) -> ValueType {
        if l == .date || r == .date { return dateResultType(op, l, r) ?? .null }
        if l == .null { return r == .null ? .null : resultType(op, r, r) }
        if r == .null { return resultType(op, l, l) }
        if l == .number || r == .number { return .number }
        switch op {
        case .divide: return .double
        case .integerDivide: return .integer
        default: break
        }
        if l == .double || r == .double { return .double }
        if l == .integer && r == .integer { return .integer }
        guard op == .add || op == .subtract, l.isFraction, r.isFraction else { return .decimal }
        switch (l, r) {
        case (.percentage, .percentage): return op == .add ? .percentage : .points
        case (.points, .points): return .points
        default: return .percentage
        }
    }

    /// dateResultType is the type of date arithmetic, as DuckDB's: date ± integer is a date, integer + date too,
    /// and date - date the whole days between; nil for anything else.
    static func dateResultType(_ op: BinaryOp, _ l: ValueType, _ r: ValueType) -> ValueType? {
        switch (op, l, r) {
        case (.add, .date, .integer), (.add, .integer, .date), (.subtract, .date, .integer),
             (.add, .date, .null), (.add, .null, .date), (.subtract, .date, .null):
            return .date
        case (.subtract, .date, .date), (.subtract, .null, .date):
            return .integer
        default:
            return nil
        }
    }

    /// applyDate computes date ± days and date - date; a date that leaves the range is an error at the place.
    static func applyDate(_ op: BinaryOp, _ a: Value, _ b: Value, range: SourceRange) throws -> Value {
        switch (a, b) {
        case (.date(let x), .date(let y)) where op == .subtract:
            return .integer(Int64(x.days) - Int64(y.days))
        case (.date(let d), .integer(let n)), (.integer(let n), .date(let d)):
            let shift: Int64
            if op == .subtract {
                guard n != .min else { throw dateOutOfRange(op, at: range) }
                shift = -n
            } else {
                shift = n
            }
            guard let r = d.adding(days: shift) else { throw dateOutOfRange(op, at: range) }
            return .date(r)
        default:
            return .null
        }
    }

    static func dateOutOfRange(_ op: BinaryOp, at range: SourceRange) -> Diagnostic {
        Diagnostic("date out of range in '\(op.rawValue)' (\(DateValue.rangeText))", at: range)
    }

    /// apply computes `a op b` for two non-null numbers, or a date and a number of days.
    static func apply(_ op: BinaryOp, _ a: Value, _ b: Value, range: SourceRange) throws -> Value {
        if a.type == .date || b.type == .date { return try applyDate(op, a, b, range: range) }
        let type = resultType(op, a.type, b.type)
        switch type {
        case .integer:
            guard case .integer(let x) = a, case .integer(let y) = b else { return .null }
            let result: (Int64, Bool)
            switch op {
            case .add: result = x.addingReportingOverflow(y)
            case .subtract: result = x.subtractingReportingOverflow(y)
            case .multiply: result = x.multipliedReportingOverflow(by: y)
            default:
                if y == 0 { return .null }
                result = x.dividedReportingOverflow(by: y)
            }
            if result.1 { throw Diagnostic("integer overflow in '\(op.rawValue)' (the result does not fit in 64 bits)", at: range) }
            return .integer(result.0)
        case .double:
            guard let x = a.asDouble, let y = b.asDouble else { return .null }
            let d: Double
            switch op {
            case .add: d = x + y
            case .subtract: d = x - y
            case .multiply: d = x * y
            default:
                if y == 0 { return .null }
                d = x / y
            }
            if !d.isFinite { throw Diagnostic("number overflow in '\(op.rawValue)' (the result is too large for a double)", at: range) }
            return .double(d)
        default:
            guard let x = a.asDecimal, let y = b.asDecimal else { return .null }
            let result: DecimalValue?
            switch op {
            case .add: result = x + y
            case .subtract: result = x - y
            default: result = x * y
            }
            guard let d = result else { throw overflow(op.rawValue, at: range) }
            return wrap(d, as: type)
        }
    }

    /// wrap makes a decimal a value of a fraction type, or a plain decimal.
    static func wrap(_ d: DecimalValue, as type: ValueType) -> Value {
        switch type {
        case .percentage: return .percentage(d)
        case .points: return .points(d)
        default: return .decimal(d)
        }
    }

    static func overflow(_ what: String, at range: SourceRange) -> Diagnostic {
        Diagnostic("decimal overflow in '\(what)' (the result needs more than \(DecimalValue.maxDigits) digits)", at: range)
    }

    /// negate is unary minus; the type stays.
    static func negate(_ v: Value, range: SourceRange) throws -> Value {
        switch v {
        case .integer(let i):
            let (r, overflow) = Int64(0).subtractingReportingOverflow(i)
            if overflow { throw Diagnostic("integer overflow in '-' (the result is below \(Int64.min))", at: range) }
            return .integer(r)
        case .decimal(let d): return .decimal(-d)
        case .double(let d): return .double(-d)
        case .percentage(let d): return .percentage(-d)
        case .points(let d): return .points(-d)
        default: return .null
        }
    }

    /// compare orders two numbers: exactly when both are exact, as doubles when either is a double (as DuckDB
    /// compares a DECIMAL with a DOUBLE).
    static func compare(_ a: Value, _ b: Value) -> Int? {
        if let x = a.asDecimal, let y = b.asDecimal { return DecimalValue.compare(x, y) }
        guard let x = a.asDouble, let y = b.asDouble else { return nil }
        return x < y ? -1 : x > y ? 1 : 0
    }
}
