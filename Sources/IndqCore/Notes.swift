// Notes: what the figures behind an answer do not say by themselves. A year the dataset does not have, a text that
// almost matches a value, an aggregate over different units or over cumulative figures. A note goes to standard
// error after the result; it never changes a result or an exit status. Each has a Diagnostic.Code.

/// Notes collects the notes of one statement: each once, and at most `limit`, so that a chain of a thousand
/// `year = 2022` terms gives one note, not a thousand.
struct Notes {
    static let limit = 20
    /// textLimit bounds the texts looked at for near misses, each against every value of its column, so that a
    /// statement with thousands of literals stays quick.
    static let textLimit = 200
    private(set) var all: [Diagnostic] = []
    /// textsSeen holds the dataset, column and text of each near-miss check done, so that each is done once.
    var textsSeen = Set<[String]>()

    mutating func add(_ d: Diagnostic) {
        guard all.count < Notes.limit, !all.contains(where: { $0.code == d.code && $0.message == d.message }) else { return }
        all.append(d)
    }

    mutating func add(contentsOf ds: [Diagnostic]) { ds.forEach { add($0) } }
}

extension Dataset {
    /// years lists the distinct years of the dataset's rows, in order.
    var years: [Int64] {
        guard let y = columnIndex(named: "year") else { return [] }
        var seen = Set<Int64>()
        for row in rows { if case .integer(let i) = row[y] { seen.insert(i) } }
        return seen.sorted()
    }

    /// yearList writes the years for a note: `2019–2021` when they run on, else `2021, 2022, 2030`.
    var yearList: String {
        let ys = years
        guard let first = ys.first, let last = ys.last else { return "none" }
        if ys.count == 1 { return String(first) }
        if last - first == Int64(ys.count - 1) { return "\(first)–\(last)" }
        return ys.map(String.init).joined(separator: ", ")
    }

    /// textValues lists the distinct values of a text column, in the order of the rows.
    func textValues(_ column: Int) -> [String] {
        var seen = Set<[UInt8]>()
        var out: [String] = []
        for row in rows {
            if case .text(let s) = row[column], seen.insert(Array(s.utf8)).inserted { out.append(s) }
        }
        return out
    }
}

extension Binder {
    /// columnOf returns the dataset column an expression reads directly, if it does.
    func columnOf(_ e: BoundExpr, _ scope: Scope) -> (Dataset, Int)? {
        guard case .column(let i) = e.kind, let (t, c) = scope.table(of: i) else { return nil }
        return (t.schema, c)
    }

    /// constantOf returns the value of a literal.
    func constantOf(_ e: BoundExpr) -> Value? {
        if case .constant(let v) = e.kind, !v.isNull { return v }
        return nil
    }

    /// noteComparison looks at `column op literal`, either way round, for a year or a text that matches nothing.
    mutating func noteComparison(_ op: BinaryOp, _ l: BoundExpr, _ r: BoundExpr, _ scope: Scope) {
        var (col, lit, op) = (l, r, op)
        if columnOf(l, scope) == nil {
            (col, lit) = (r, l)
            op = op.flipped
        }
        guard let (d, c) = columnOf(col, scope), let v = constantOf(lit) else { return }
        if d.columns[c].name == "year" {
            noteYears(d, at: lit.range, condition: op == .equal ? (v.display ?? "") : "\(op.rawValue) \(v.display ?? "")") { y in
                guard let cmp = SQL.compare(.integer(y), v) else { return true }
                return op.holds(cmp)
            }
        } else if case .text(let s) = v, op == .equal || op == .notEqual {
            noteText(s, d, c, at: lit.range, caseInsensitive: false)
        }
    }

    /// noteBetween looks at `year BETWEEN low AND high`.
    mutating func noteBetween(_ x: BoundExpr, _ low: BoundExpr, _ high: BoundExpr, negated: Bool, _ scope: Scope) {
        guard let (d, c) = columnOf(x, scope), d.columns[c].name == "year", let lo = constantOf(low), let hi = constantOf(high) else { return }
        let condition = (negated ? "not " : "") + "between \(lo.display ?? "") and \(hi.display ?? "")"
        noteYears(d, at: low.range.to(high.range), condition: condition) { y in
            guard let a = SQL.compare(.integer(y), lo), let b = SQL.compare(.integer(y), hi) else { return true }
            return (a >= 0 && b <= 0) != negated
        }
    }

    /// noteInList looks at `column IN (literal, …)`: each year the dataset lacks, each text that almost matches.
    mutating func noteInList(_ x: BoundExpr, _ items: [BoundExpr], negated: Bool, _ scope: Scope) {
        guard !negated, let (d, c) = columnOf(x, scope) else { return }
        // The first hundred literals are looked at: enough for any list a person writes.
        let literals = items.prefix(100).compactMap { item in constantOf(item).map { ($0, item.range) } }
        if d.columns[c].name == "year" {
            let years = Set(d.years)
            let missing = literals.filter { v, _ in !years.contains { SQL.compare(.integer($0), v) == 0 } }
            guard let first = missing.first, let last = missing.last else { return }
            noteYears(d, at: first.1.to(last.1), condition: missing.map { $0.0.display ?? "" }.joined(separator: " or ")) { _ in false }
        } else {
            for (v, range) in literals { if case .text(let s) = v { noteText(s, d, c, at: range, caseInsensitive: false) } }
        }
    }

    /// noteLike looks at a LIKE or ILIKE without wildcards, which compares like `=`.
    mutating func noteLike(_ x: BoundExpr, _ pattern: BoundExpr, caseInsensitive: Bool, _ scope: Scope) {
        guard let (d, c) = columnOf(x, scope), case .text(let s)? = constantOf(pattern),
              !s.unicodeScalars.contains(where: { $0 == "%" || $0 == "_" }) else { return }
        noteText(s, d, c, at: pattern.range, caseInsensitive: caseInsensitive)
    }

    /// noteYears adds a note when no year of the dataset meets the condition.
    mutating func noteYears(_ d: Dataset, at range: SourceRange, condition: String, matches: (Int64) -> Bool) {
        let years = d.years
        guard !years.isEmpty, !years.contains(where: matches) else { return }
        notes.add(Diagnostic("no row of \(d.name) has year \(condition); its years are \(d.yearList)", at: range,
                             severity: .note, code: .yearOutsideDataset))
    }

    /// noteText adds a note when a text matches no value of the column but one is a near miss: the same but for case
    /// or accents, a small typo, or the Dutch name of a dataset written in English (`students` → `studenten`).
    mutating func noteText(_ s: String, _ d: Dataset, _ column: Int, at range: SourceRange, caseInsensitive: Bool) {
        guard notes.textsSeen.count < Notes.textLimit,
              notes.textsSeen.insert([d.name, String(column), caseInsensitive ? "i" : "", s]).inserted else { return }
        let values = d.textValues(column)
        let key = foldedForMatching(s)
        if values.contains(where: { caseInsensitive ? Scalars.changeCase($0, upper: false) == Scalars.changeCase(s, upper: false)
                                                    : Array($0.utf8) == Array(s.utf8) }) { return }
        var best: [String] = []
        var bestDistance = Int.max
        if let named = catalogue.dataset(named: s), values.contains(named.name) {
            best = [named.name]
            bestDistance = 0
        } else {
            let allowed = key.count >= 8 ? 2 : key.count >= 4 ? 1 : 0
            for v in values {
                let distance = editDistance(key, foldedForMatching(v))
                guard distance <= allowed else { continue }
                if distance < bestDistance { (best, bestDistance) = ([v], distance) } else if distance == bestDistance { best.append(v) }
            }
        }
        guard !best.isEmpty else { return }
        let quoted = best.prefix(3).map { "'" + $0.replacingAll("'", with: "''") + "'" }
        notes.add(Diagnostic("no row of \(d.name) has \(d.columns[column].name) '\(s.replacingAll("'", with: "''"))'", at: range,
                             notes: ["did you mean \(quoted.joined(separator: " or "))?"], severity: .note, code: .textNearMiss))
    }

    /// noteCumulative adds a note for lag or lead over a dataset whose figures are cumulative.
    mutating func noteCumulative(_ function: FunctionEntry, _ args: [BoundExpr], _ scope: Scope, at range: SourceRange) {
        guard case .window(.offset(let direction)) = function.implementation else { return }
        let read = args.first.flatMap { columnOf($0, scope) }
        // The dataset is the one of the column read, or else the only one in scope.
        guard let d = read?.0 ?? (scope.tables.count == 1 ? scope.tables[0].schema : nil), let words = d.cumulative else { return }
        let name = function.name
        let column = read.map { d.columns[$0.1].name } ?? "x"
        // The years themselves are not cumulative.
        if column == "year" { return }
        let earlier = direction < 0 ? "the year before" : "the year after"
        notes.add(Diagnostic("\(d.name) counts cumulatively (\(words)): \(name)(\(column)) is the running total up to \(earlier)",
                             at: range, notes: ["one year alone is \(column) - lag(\(column)) over (order by year)"],
                             severity: .note, code: .cumulativeFigures))
    }
}

/// foldedForMatching lowers the case and drops accents, for comparing texts as a person reads them: `Materiële`
/// and `materiele` are the same. A Latin letter with a mark is its base letter, found from its Unicode name.
func foldedForMatching(_ s: String) -> [Character] {
    var out: [Character] = []
    for scalar in Scalars.changeCase(s, upper: false).unicodeScalars {
        if scalar.properties.generalCategory == .nonspacingMark { continue }
        if !scalar.isASCII, let name = scalar.properties.name, name.hasPrefix("LATIN SMALL LETTER ") {
            let rest = name.dropFirst("LATIN SMALL LETTER ".count)
            if let space = rest.firstIndex(of: " "), rest[space...].hasPrefix(" WITH "), rest[..<space].count == 1,
               let letter = rest.first {
                out.append(Character(letter.lowercased()))
                continue
            }
        }
        out.append(Character(scalar))
    }
    return out
}

extension BinaryOp {
    /// flipped is the operator with its operands swapped: `2022 < year` is `year > 2022`.
    var flipped: BinaryOp {
        switch self {
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        default: return self
        }
    }

    /// holds tells whether a comparison result (-1, 0, 1) satisfies the operator.
    func holds(_ c: Int) -> Bool {
        switch self {
        case .equal: return c == 0
        case .notEqual: return c != 0
        case .less: return c < 0
        case .lessEqual: return c <= 0
        case .greater: return c > 0
        case .greaterEqual: return c >= 0
        default: return true
        }
    }
}

extension Notes {
    /// mayNeedNote tells, before any row is looked at, whether an aggregate could get a note at all.
    static func mayNeedNote(_ function: FunctionEntry, _ argument: BoundExpr?, _ select: SelectPlan) -> Bool {
        guard argument != nil, let d = select.dataset, d.cumulative != nil || d.columnIndex(named: "eenheid") != nil else { return false }
        return function.note != .none
    }

    /// aggregateNotes gives the notes of an aggregate, reading `columns`, over each group of source rows; one note at
    /// most of each kind.
    static func aggregateNotes(_ function: FunctionEntry, columns: [Int], range: SourceRange, groups: [[Int]],
                               select: SelectPlan) -> [Diagnostic] {
        guard let d = select.dataset, !columns.isEmpty else { return [] }
        var out: [Diagnostic] = []
        for rows in groups where rows.count > 1 {
            for note in groupNotes(function, columns: columns, range: range, rows: rows.map { d.rows[$0] }, dataset: d)
            where !out.contains(where: { $0.code == note.code }) { out.append(note) }
        }
        return out
    }

    /// groupNotes gives the notes of one aggregate over one group's rows.
    static func groupNotes(_ function: FunctionEntry, columns: [Int], range: SourceRange, rows: [[Value]], dataset d: Dataset) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let name = function.name
        let verb = function.note == .adds ? "adds" : "compares"
        if let unit = d.columnIndex(named: "eenheid"), columns.contains(where: { d.columns[$0].name == "waarde" }) {
            var units: [String] = []
            for r in rows { if case .text(let u) = r[unit], !units.contains(u) { units.append(u) } }
            if units.count > 1 {
                out.append(Diagnostic("\(name) over waarde \(verb) figures in different units: \(units.joined(separator: ", "))",
                                      at: range, notes: ["keep to one unit, e.g. where eenheid = '\(units[0])', or group by eenheid"],
                                      severity: .note, code: .mixedUnits))
            }
        }
        if let words = d.cumulative, function.note == .adds, let y = d.columnIndex(named: "year") {
            let years = Set(rows.compactMap { r -> Int64? in if case .integer(let i) = r[y] { return i } else { return nil } })
            if years.count > 1 {
                let c = d.columns[columns[0]].name
                out.append(Diagnostic("\(d.name) counts cumulatively (\(words)), so \(name) over several years counts earlier years again",
                                      at: range, notes: ["one year alone is \(c) - lag(\(c)) over (order by year)"],
                                      severity: .note, code: .cumulativeFigures))
            }
        }
        return out
    }
}
