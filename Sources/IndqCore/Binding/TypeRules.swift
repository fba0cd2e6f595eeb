// Type rules: the type of an operator over its operands, the unified type of CASE, COALESCE and set operations,
// the conversions that make values take it, and literals' values.

extension Binder {
    /// binaryType checks the operands of `l op r` and gives its type.
    mutating func binaryType(_ op: BinaryOp, _ bl: BoundExpr, _ br: BoundExpr, range: SourceRange) throws -> ValueType {
        let type: ValueType
        switch op {
        case .and, .or:
            try expect(bl, isBoolean: op.rawValue)
            try expect(br, isBoolean: op.rawValue)
            type = .boolean
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            try expectComparable(bl, br, op: op.rawValue)
            hintPercentage(bl, br)
            hintPercentage(br, bl)
            type = .boolean
        case .concat:
            type = .text
        case .add, .subtract, .multiply, .divide, .integerDivide:
            if bl.type == .date || br.type == .date {
                guard let t = Arithmetic.dateResultType(op, bl.type, br.type) else {
                    throw Diagnostic("cannot apply '\(op.rawValue)' to \(bl.type.rawValue) and \(br.type.rawValue); expected a date ± whole days, or date - date",
                                     at: range)
                }
                return t
            }
            guard bl.type.isNumeric, br.type.isNumeric else {
                let bad = bl.type.isNumeric ? br : bl
                throw Diagnostic("cannot apply '\(op.rawValue)' to \(bl.type.rawValue) and \(br.type.rawValue); expected numbers",
                                 at: bad.range)
            }
            if op == .integerDivide, !(bl.type == .integer || bl.type == .null) || !(br.type == .integer || br.type == .null) {
                throw Diagnostic("'//' divides whole numbers, found \(bl.type.rawValue) and \(br.type.rawValue); use '/' for decimals",
                                 at: range)
            }
            type = arithmeticType(op, bl.type, br.type)
        }
        return type
    }

    /// arithmeticType is the static type of `l op r`; `number` when it depends on the row.
    func arithmeticType(_ op: BinaryOp, _ l: ValueType, _ r: ValueType) -> ValueType {
        Arithmetic.resultType(op, l, r)
    }

    /// unify finds the type that values of both types convert to, as CASE, COALESCE and UNION ALL need.
    func unify(_ a: ValueType, _ b: ValueType) -> ValueType? { unifiedType(a, b) }

    func unify(_ a: ValueType, _ b: BoundExpr, what: String) throws -> ValueType {
        guard let t = unify(a, b.type) else {
            throw Diagnostic("\(what) must have one type, found \(a.rawValue) and \(b.type.rawValue)", at: b.range)
        }
        return t
    }

    /// convert makes an expression's values take a type, as a cast would: to an integer, halves round away.
    func convert(_ e: BoundExpr, to type: ValueType) -> BoundExpr {
        if e.type == type || e.type == .null || type == .number { return e }
        switch type {
        case .integer: return BoundExpr(kind: .cast(e, .bigint), type: type, range: e.range)
        case .text: return BoundExpr(kind: .cast(e, .varchar), type: type, range: e.range)
        default: return coerce(e, to: type)
        }
    }

    /// coerce converts the branches of a CASE, COALESCE or UNION to their unified type. Decimals take one
    /// DECIMAL(width, scale), as in DuckDB, so that `coalesce(null, 1, 2.5)` prints 1.0, when the binder can tell
    /// every branch's scale; otherwise each keeps its own.
    func coerce(_ es: [BoundExpr], to type: ValueType) -> [BoundExpr] {
        let typed = es.filter { $0.type != .null }
        let shapes = typed.compactMap(decimalShape)
        guard type == .decimal, shapes.count == typed.count, let scale = shapes.map(\.scale).max(), scale <= 18 else {
            return es.map { coerce($0, to: type) }
        }
        let width = min(DecimalValue.maxDigits, (shapes.map { $0.width - $0.scale }.max() ?? 1) + scale)
        return es.map { e in
            guard e.type != .null, decimalShape(e).map({ $0 != (width, scale) }) ?? false else { return e }
            return BoundExpr(kind: .cast(e, .decimal(width: width, scale: scale)), type: .decimal, range: e.range)
        }
    }

    /// decimalShape is the DECIMAL(width, scale) of an expression where the binder can tell it: a count (as
    /// BIGINT, DECIMAL(19,0)), a literal or a cast to DECIMAL.
    func decimalShape(_ e: BoundExpr) -> (width: Int, scale: Int)? {
        if e.type == .integer { return (19, 0) }
        switch e.kind {
        case .constant(let v): return v.asDecimal.map { ($0.width, $0.scale) }
        case .negate(let x): return decimalShape(x)
        case .cast(_, .decimal(let w, let s)): return (w, s)
        default: return nil
        }
    }

    /// coerce wraps an expression so that its values take the unified type, e.g. integers become decimals.
    func coerce(_ e: BoundExpr, to type: ValueType) -> BoundExpr {
        if type == .date && e.type == .text { return BoundExpr(kind: .cast(e, .date), type: .date, range: e.range) }
        if type == .text && e.type == .date { return BoundExpr(kind: .cast(e, .varchar), type: .text, range: e.range) }
        return e.type == type || type == .number || e.type == .null ? e : BoundExpr(kind: .coerce(e), type: type, range: e.range)
    }

    /// checkDateCast refuses the casts DuckDB refuses: only text becomes a date, and a date becomes only text.
    func checkDateCast(_ b: BoundExpr, to target: CastType) throws {
        switch target {
        case .date:
            guard [.date, .text, .null].contains(b.type) else {
                throw Diagnostic("cannot convert \(b.type.rawValue) to DATE; expected text such as '2022-03-31'", at: b.range)
            }
        case .varchar:
            return
        default:
            guard b.type != .date else {
                throw Diagnostic("cannot convert a date to \(target.sql); year(d), month(d) and day(d) give its parts", at: b.range)
            }
        }
    }

    func expect(_ b: BoundExpr, isBoolean op: String) throws {
        guard b.type == .boolean || b.type == .null else {
            throw Diagnostic("expected a condition for \(op), found an expression of type \(b.type.rawValue)", at: b.range)
        }
    }

    /// comparable readies two operands of a comparison: text compared with a date is read as a date, as DuckDB
    /// does; a constant text at once, so that `d > '2022-13-01'` is an error at that text before any row is read.
    func comparable(_ a: BoundExpr, _ b: BoundExpr) throws -> (BoundExpr, BoundExpr) {
        if a.type == .date && b.type == .text { return (a, try asDate(b)) }
        if a.type == .text && b.type == .date { return (try asDate(a), b) }
        return (a, b)
    }

    /// readDate is asDate for a text operand among dates (BETWEEN, IN); any other operand stays as it is.
    func readDate(_ e: BoundExpr) throws -> BoundExpr { e.type == .text ? try asDate(e) : e }

    /// asDate reads a constant text as a date. Other text is refused, as DuckDB refuses to order a VARCHAR column
    /// against a DATE: the message says how to convert it.
    func asDate(_ e: BoundExpr) throws -> BoundExpr {
        guard case .constant(.text(let s)) = e.kind else {
            throw Diagnostic("cannot compare text with a date; convert the text with cast(… as date)", at: e.range)
        }
        guard let d = DateValue.parse(s[...]) else { throw Diagnostic(DateValue.parseError(s[...]), at: e.range) }
        return BoundExpr(kind: .constant(.date(d)), type: .date, range: e.range)
    }

    func expectComparable(_ a: BoundExpr, _ b: BoundExpr, op: String) throws {
        let ok = a.type == .null || b.type == .null || (a.type.isNumeric && b.type.isNumeric) || a.type == b.type
        guard ok else {
            let hint = a.type == .text || b.type == .text ? " (write numbers without quotes, and text in 'single quotes')" : ""
            throw Diagnostic("cannot compare \(a.type.rawValue) with \(b.type.rawValue) using \(op)\(hint)", at: a.range.to(b.range))
        }
    }

    /// hintPercentage warns when a percentage is compared with a plain number above 1: `inwilligingen > 80`.
    mutating func hintPercentage(_ pct: BoundExpr, _ other: BoundExpr) {
        guard pct.type == .percentage, case .constant(let v) = other.kind, [.integer, .decimal, .double].contains(other.type),
              let d = v.asDecimal ?? v.asDouble.flatMap({ DecimalValue(approximating: $0) }), d > DecimalValue(1),
              let shown = v.display else { return }
        warnings.append(Diagnostic("percentages are fractions, so \(shown) means \(formatPercentage(d))",
                                   at: other.range, notes: ["did you mean \(shown)%?"], severity: .warning))
    }

    /// literalValue converts a literal's text to a value, refusing integers that do not fit.
    func literalValue(_ lit: Literal, at range: SourceRange) throws -> Value {
        switch lit {
        case .integer(let t):
            guard let i = Int64(t) else {
                throw Diagnostic("integer \(t) is out of range (limit is \(Int64.max))", at: range)
            }
            return .integer(i)
        case .decimal(let t):
            // As DuckDB: `2.5` is an exact DECIMAL; `1e3`, and a decimal of more than 38 digits, a DOUBLE.
            if !t.contains(where: { $0 == "e" || $0 == "E" }), let d = DecimalValue.parse(t) { return .decimal(d) }
            guard let d = Double(t), d.isFinite else { throw Diagnostic("number \(t) is out of range", at: range) }
            return .double(d)
        case .percentage(let t):
            guard let d = DecimalValue.parse(t, shift: 2) else {
                throw Diagnostic("percentage \(t)% is out of range (at most \(DecimalValue.maxDigits) digits)", at: range)
            }
            return .percentage(d)
        case .string(let s): return .text(s)
        case .boolean(let b): return .boolean(b)
        case .null: return .null
        case .date(let t):
            guard let d = DateValue.parse(t[...]) else { throw Diagnostic(DateValue.parseError(t[...]), at: range) }
            return .date(d)
        }
    }
}
