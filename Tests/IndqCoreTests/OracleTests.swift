// Differential tests against DuckDB: indq's language is a subset of DuckDB's SQL, so every query of the corpus
// (Tests/Oracle/corpus.sql) and of a small seeded generator runs through indq in-process and through the DuckDB CLI,
// over a DuckDB database built from the same catalogue, and the two must give the same rows or both reject the query.
// The deliberate differences (Tests/Oracle/differences.sql) run through both too, and must still be as documented.
//
// Locally the tests skip, loudly, when `duckdb` is not on PATH; when CI is set they fail instead.

import Foundation
import Testing
@testable import IndqCore

struct OracleTests {
    @Test func corpusAgreesWithDuckDB() throws {
        guard let oracle = Oracle.ready() else { return }
        let entries = try OracleFile.read("Tests/Oracle/corpus.sql")
        #expect(entries.count >= 250, "the corpus must hold at least 250 queries")
        let cases = entries.map { OracleCase(label: "corpus.sql:\($0.line) [\($0.section)]", sql: $0.sql, mustFail: $0.mustFail) }
        oracle.check(cases, name: "corpus")
    }

    @Test func generatedQueriesAgreeWithDuckDB() throws {
        guard let oracle = Oracle.ready() else { return }
        var generator = QueryGenerator(seed: 20_211_231, catalogue: .builtin)
        // ORACLE_GENERATED=n runs n generated queries of each grammar instead of 120, to search wider.
        let count = ProcessInfo.processInfo.environment["ORACLE_GENERATED"].flatMap { Int($0) } ?? 120
        var cases = (1...max(1, count)).map { i in OracleCase(label: "generated #\(i)", sql: generator.query(), mustFail: false) }
        // As many again that combine datasets: joins, CTEs, derived tables, EXISTS and correlated subqueries.
        cases += (1...max(1, count)).map { i in OracleCase(label: "generated join #\(i)", sql: generator.joinQuery(), mustFail: false) }
        // ORACLE_SHOW=1 prints them, to see what the grammars make.
        if ProcessInfo.processInfo.environment["ORACLE_SHOW"] == "1" {
            for c in cases {
                print("\(c.label): \(c.sql)")
                switch runIndq(c.sql) {
                case .rows(let r): print("  \(r.count) rows")
                case .failure: print("  error")
                }
            }
        }
        oracle.check(cases, name: "generated")
    }

    @Test func documentedDifferencesHold() throws {
        guard let oracle = Oracle.ready() else { return }
        let entries = try OracleFile.read("Tests/Oracle/differences.sql")
        #expect(!entries.isEmpty)
        let duck = oracle.duckdb(entries.map(\.sql))
        var problems: [String] = []
        for (entry, d) in zip(entries, duck) {
            let label = "differences.sql:\(entry.line) [\(entry.section)]"
            guard let why = entry.notes["why"], !why.isEmpty, let wantIndq = entry.notes["indq"], let wantDuck = entry.notes["duckdb"] else {
                problems.append("\(label): every entry needs `-- why:`, `-- indq:` and `-- duckdb:` lines\n  query: \(entry.sql)")
                continue
            }
            let i = runIndq(entry.sql)
            let gotIndq: String
            switch i {
            case .failure: gotIndq = "error"
            case .rows(let rows): gotIndq = rows.first.map { $0.map { $0.display ?? "NULL" }.joined(separator: " | ") } ?? "no rows"
            }
            let gotDuck: String
            switch d {
            case .failure: gotDuck = "error"
            case .rows(let rows): gotDuck = rows.first.map { $0.map(\.plain).joined(separator: " | ") } ?? "no rows"
            }
            if gotIndq != wantIndq || gotDuck != wantDuck {
                problems.append("""
                    \(label): no longer as documented (why: \(why))
                      query:  \(entry.sql)
                      indq:   documented \(wantIndq), got \(gotIndq)\(i.errorSuffix)
                      duckdb: documented \(wantDuck), got \(gotDuck)\(d.errorSuffix)
                    """)
            }
        }
        print("oracle: differences: \(entries.count) documented, \(entries.count - problems.count) hold, \(problems.count) changed")
        if !problems.isEmpty {
            Issue.record(Comment(rawValue: "\(problems.count) documented differences no longer hold:\n\n" + problems.joined(separator: "\n\n")))
        }
    }

    /// upper and lower map every code point as DuckDB does; DuckDB lists the code points whose case changes.
    @Test func caseMappingAgreesWithDuckDBOnEveryCodePoint() throws {
        guard let oracle = Oracle.ready() else { return }
        let sql = """
            select c, unicode(upper(chr(c::int))), unicode(lower(chr(c::int))) from range(1, 1114112) t(c)
            where (c < 55296 or c > 57343) and (upper(chr(c::int)) <> chr(c::int) or lower(chr(c::int)) <> chr(c::int));
            """
        let (status, output) = try runProcess(oracle.duckdbPath, ["-csv", "-noheader", ":memory:"], input: sql)
        try #require(status == 0, Comment(rawValue: "duckdb failed: \(output.prefix(300))"))
        var duck: [UInt32: (upper: UInt32, lower: UInt32)] = [:]
        for line in output.split(separator: "\n") {
            let f = line.split(separator: ",").compactMap { UInt32($0) }
            if f.count == 3 { duck[f[0]] = (f[1], f[2]) }
        }
        #expect(duck.count > 2000, Comment(rawValue: "duckdb listed only \(duck.count) code points"))
        var wrong: [String] = []
        for c in UInt32(1)..<0x110000 {
            guard let scalar = Unicode.Scalar(c) else { continue }
            let want = duck[c] ?? (c, c)
            let up = Scalars.changeCase(scalar, upper: true).value, low = Scalars.changeCase(scalar, upper: false).value
            if up != want.upper || low != want.lower {
                wrong.append("U+\(String(c, radix: 16)): upper \(String(up, radix: 16)) (DuckDB \(String(want.upper, radix: 16))), lower \(String(low, radix: 16)) (DuckDB \(String(want.lower, radix: 16)))")
            }
        }
        #expect(wrong.isEmpty, Comment(rawValue: "\(wrong.count) code points differ from DuckDB:\n" + wrong.prefix(20).joined(separator: "\n")))
    }

    // Unit checks of the harness itself, which need no DuckDB.

    @Test func percentLiteralsBecomeFractions() {
        #expect(percentToFraction("select 95% from x") == "select 0.95 from x")
        #expect(percentToFraction("select 12.5%, 100%, 0%, 5%") == "select 0.125, 1.00, 0.00, 0.05")
        #expect(percentToFraction("select 1.1% from x where a like '%5% x' and b = 5%") == "select 0.011 from x where a like '%5% x' and b = 0.05")
        #expect(percentToFraction("select 7 % 2, x1%, 7%2") == "select 7 % 2, x1%, 7%2")
        #expect(percentToFraction("select 'it''s 5%', 5%") == "select 'it''s 5%', 0.05")
    }

    @Test func orderedJSONKeepsDuplicateKeysAndInfinity() throws {
        let json = try OrderedJSON.parse(Array(#"[{"a":1,"a":-2.5e3,"s":"q\"\u00e9","n":null,"i":Infinity,"m":-Infinity,"x":NaN,"b":true}]"#.utf8))
        guard case .array(let rows) = json, case .object(let pairs) = rows.first else { Issue.record("not an array of objects"); return }
        #expect(pairs.map(\.0) == ["a", "a", "s", "n", "i", "m", "x", "b"])
        #expect(pairs[2].1 == .string("q\"é"))
        #expect(pairs[4].1 == .number("Infinity"))
    }

    @Test func topLevelOrderByIsFound() {
        #expect(hasTopLevelOrderBy("select a from t order by a"))
        #expect(hasTopLevelOrderBy("select a from t\nORDER\n BY 1"))
        #expect(!hasTopLevelOrderBy("select lag(a) over (order by b) from t"))
        #expect(!hasTopLevelOrderBy("select 'order by' from t"))
        #expect(!hasTopLevelOrderBy("select a from t where a = (select max(a) from t order by 1)"))
    }
}

// MARK: - The oracle

/// OracleCase is one query to compare.
struct OracleCase: Sendable {
    var label: String
    var sql: String
    /// mustFail: both indq and DuckDB must reject the query.
    var mustFail: Bool
}

/// DuckCell is one value of a DuckDB result, typed by DuckDB's column type.
enum DuckCell: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A DECIMAL or HUGEINT, which DuckDB's JSON writes as a string of digits; a number.
    case exact(String)
    case text(String)
    /// A DATE, which DuckDB's JSON writes as a string: `2022-03-31`.
    case date(String)

    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .exact(let s): return Double(s)
        default: return nil
        }
    }

    /// plain is the value without quotes, as differences.sql writes it.
    var plain: String {
        switch self {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return formatDouble(d)
        case .exact(let s), .text(let s), .date(let s): return s
        }
    }

    /// shown is the value for a report: text is quoted.
    var shown: String {
        if case .text(let s) = self { return "'" + s + "'" }
        return plain
    }
}

/// Outcome is what one side made of a query: rows, or an error message.
enum Outcome<Cell: Sendable>: Sendable {
    case rows([[Cell]])
    case failure(String)

    var errorSuffix: String {
        if case .failure(let m) = self { return " (\(m))" }
        return ""
    }
}

/// Oracle runs queries through the DuckDB CLI over a database built from indq's catalogue, and compares.
struct Oracle: Sendable {
    let duckdbPath: String
    let database: String

    /// ready returns the oracle, or nil when the tests must stop: locally when duckdb is missing (with a loud message),
    /// and in CI (environment variable CI set) after recording a failure.
    static func ready() -> Oracle? {
        switch shared {
        case .success(let oracle):
            return oracle
        case .failure(.duckdbMissing):
            if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty {
                Issue.record(Comment(rawValue: "ORACLE FAILED: duckdb not found on PATH, and CI is set (CI=\(ci)): the differential tests must run in CI. Install it with `pip install duckdb-cli`."))
            } else {
                print("""

                    ************************************************************************
                    ORACLE SKIPPED: duckdb not found (pip install duckdb-cli)
                    The differential tests against DuckDB did not run.
                    ************************************************************************

                    """)
            }
            return nil
        case .failure(.setup(let message)):
            Issue.record(Comment(rawValue: "ORACLE FAILED: could not build the DuckDB database: \(message)"))
            return nil
        }
    }

    enum SetupError: Error, Sendable {
        case duckdbMissing
        case setup(String)
    }

    /// shared is built once per test run: the DuckDB database in a temporary directory.
    static let shared: Result<Oracle, SetupError> = {
        guard let path = findExecutable("duckdb") else { return .failure(.duckdbMissing) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("indq-oracle-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let db = dir.appendingPathComponent("ind.duckdb").path
            let (status, output) = try runProcess(path, [db], input: databaseScript(Catalogue.builtin))
            guard status == 0, output.isEmpty else {
                return .failure(.setup("duckdb exited with \(status): \(output)"))
            }
            return .success(Oracle(duckdbPath: path, database: db))
        } catch {
            return .failure(.setup("\(error)"))
        }
    }()

    /// databaseScript is indq's own `.dump` of the catalogue, so that every query of the oracle also checks that
    /// the dump loads into DuckDB with the types and values indq computes with.
    static func databaseScript(_ catalogue: Catalogue) -> String {
        var out = ""
        var session = Session(catalogue: catalogue, write: { out += $0 }, writeError: { out += $0 })
        session.run(SourceText(".dump"))
        return out
    }

    /// check compares every case and records one issue listing all mismatches.
    func check(_ cases: [OracleCase], name: String) {
        let duck = duckdb(cases.map(\.sql))
        var mismatches: [String] = []
        for (c, d) in zip(cases, duck) {
            if let problem = compare(c, indq: runIndq(c.sql), duckdb: d) { mismatches.append(problem) }
        }
        let summary = "oracle: \(name): \(cases.count) queries, \(cases.count - mismatches.count) agree, \(mismatches.count) differ"
        print(summary)
        if !mismatches.isEmpty {
            Issue.record(Comment(rawValue: summary + "\n\n" + mismatches.joined(separator: "\n\n")))
        }
    }

    /// compare returns nil when indq and DuckDB agree on a case, else a readable account of the difference.
    func compare(_ c: OracleCase, indq: Outcome<Value>, duckdb: Outcome<DuckCell>) -> String? {
        let cause: String
        switch (indq, duckdb) {
        case (.failure, .failure):
            if c.mustFail { return nil }
            cause = "both reject a query the corpus expects to run (DuckDB rejects it: fix the corpus)"
        case (.rows, .rows) where c.mustFail:
            cause = "both accept a query marked `-- fails` (fix the corpus)"
        case (.rows, .failure) where c.mustFail:
            cause = "indq accepts a query both must reject"
        case (.rows, .failure):
            cause = "DuckDB rejects a query the corpus expects to run (fix the corpus)"
        case (.failure, .rows):
            cause = "indq rejects a query DuckDB accepts"
        case (.rows(let a), .rows(let b)):
            guard let problem = compareRows(a, b, ordered: hasTopLevelOrderBy(c.sql)) else { return nil }
            cause = problem
        }
        return """
            --- \(c.label): \(cause)
              query:  \(c.sql.split(separator: "\n").joined(separator: "\n          "))
              indq:   \(describe(indq, show: shownValue))
              duckdb: \(describe(duckdb, show: \.shown))
            """
    }

    /// compareRows compares two results, in order when the query sorts its rows, else as multisets.
    func compareRows(_ a: [[Value]], _ b: [[DuckCell]], ordered: Bool) -> String? {
        if a.count != b.count { return "row counts differ (indq \(a.count), duckdb \(b.count))" }
        if let i = a.indices.first(where: { a[$0].count != b[$0].count }) {
            return "column counts differ (indq \(a[i].count), duckdb \(b[i].count))"
        }
        if ordered {
            guard let i = a.indices.first(where: { !sameRow(a[$0], b[$0]) }) else { return nil }
            return unorderedMatch(a, b) ? "same rows in another order (a tie in ORDER BY?)" : "row \(i + 1) differs"
        }
        return unorderedMatch(a, b) ? nil : "the rows differ"
    }

    func unorderedMatch(_ a: [[Value]], _ b: [[DuckCell]]) -> Bool {
        var unused = Array(b.indices)
        for row in a {
            guard let k = unused.firstIndex(where: { sameRow(row, b[$0]) }) else { return false }
            unused.remove(at: k)
        }
        return true
    }

    func sameRow(_ a: [Value], _ b: [DuckCell]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy(sameValue)
    }

    /// sameValue: an exact number (integer, decimal, percentage) equals DuckDB's integer or DECIMAL exactly; a
    /// double equals DuckDB's DOUBLE within a relative 1e-9. A decimal never matches a DOUBLE, nor a double a
    /// DECIMAL: indq must give DECIMAL where DuckDB does. Text compares exactly, NULL equals NULL.
    func sameValue(_ a: Value, _ b: DuckCell) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.text(let x), .text(let y)): return x == y
        case (.boolean(let x), .bool(let y)): return x == y
        // A date matches only a DATE, never text that reads the same.
        case (.date(let x), .date(let y)): return x.description == y
        case (.integer(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)):
            if x == y || (x.isNaN && y.isNaN) { return true }
            return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        case (.integer, .exact(let t)), (.decimal, .exact(let t)), (.percentage, .exact(let t)), (.points, .exact(let t)):
            guard let x = a.asDecimal, let y = DecimalValue.parse(t) else { return false }
            return x == y
        case (.decimal, .int(let y)), (.percentage, .int(let y)), (.points, .int(let y)):
            return a.asDecimal == DecimalValue(y)
        case (.percentage, .double(let y)), (.points, .double(let y)):
            // DuckDB has no percentages: its avg of fractions is a DOUBLE, indq's mean of percentages a percentage.
            guard let x = a.asDouble else { return false }
            return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        default: return false
        }
    }

    func describe<Cell>(_ o: Outcome<Cell>, show: (Cell) -> String) -> String {
        switch o {
        case .failure(let m): return "ERROR " + m
        case .rows(let rows):
            if rows.isEmpty { return "no rows" }
            let limit = 8
            var lines = rows.prefix(limit).map { "(" + $0.map(show).joined(separator: ", ") + ")" }
            if rows.count > limit { lines.append("… \(rows.count - limit) more") }
            return "\(rows.count) row\(rows.count == 1 ? "" : "s"): " + lines.joined(separator: " ")
        }
    }

    // MARK: Running DuckDB

    /// duckdb runs queries in one DuckDB process, read-only, each preceded by a DESCRIBE that gives its column
    /// types: DuckDB's JSON writes DECIMAL and HUGEINT values as strings, which the types tell from text.
    func duckdb(_ queries: [String]) -> [Outcome<DuckCell>] {
        var results = [Outcome<DuckCell>?](repeating: nil, count: queries.count)
        var script = ""
        var batched: [Int] = []
        for (i, q) in queries.enumerated() {
            let sql = percentToFraction(q)
            // An unbalanced quote or comment would swallow the statements after it: such a query runs alone.
            if sql.filter({ $0 == "'" }).count % 2 == 1 || sql.filter({ $0 == "\"" }).count % 2 == 1 || sql.contains("/*") {
                results[i] = runAlone(sql)
                continue
            }
            batched.append(i)
            script += ".print @@ORACLE \(i) TYPES\nDESCRIBE \(sql);\n.print @@ORACLE \(i) ROWS\n\(sql);\n"
        }
        var sections: [Int: (types: String, rows: String)] = [:]
        if !batched.isEmpty {
            do {
                let (_, output) = try runProcess(duckdbPath, ["-readonly", "-json", database], input: script)
                sections = splitSections(output)
            } catch {
                for i in batched { results[i] = .failure("could not run duckdb: \(error)") }
            }
        }
        for i in batched where results[i] == nil {
            if let s = sections[i] {
                results[i] = outcome(types: s.types, rows: s.rows)
            } else {
                // The batch lost its place; run this one on its own.
                results[i] = runAlone(percentToFraction(queries[i]))
            }
        }
        return results.map { $0 ?? .failure("no result") }
    }

    func runAlone(_ sql: String) -> Outcome<DuckCell> {
        do {
            let script = ".print @@ORACLE 0 TYPES\nDESCRIBE \(sql);\n.print @@ORACLE 0 ROWS\n\(sql);\n"
            let (_, output) = try runProcess(duckdbPath, ["-readonly", "-json", database], input: script)
            guard let s = splitSections(output)[0] else { return .failure("unreadable duckdb output: \(output)") }
            return outcome(types: s.types, rows: s.rows)
        } catch {
            return .failure("could not run duckdb: \(error)")
        }
    }

    /// splitSections cuts the batch's output at its `@@ORACLE n TYPES|ROWS` lines.
    func splitSections(_ output: String) -> [Int: (types: String, rows: String)] {
        var types: [Int: String] = [:], rows: [Int: String] = [:]
        var current: (Int, Bool)?
        var buffer: [Substring] = []
        func flush() {
            guard let (i, isTypes) = current else { return }
            let text = buffer.joined(separator: "\n")
            if isTypes { types[i] = text } else { rows[i] = text }
        }
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let parts = line.split(separator: " ")
            if parts.count == 3, parts[0] == "@@ORACLE", let i = Int(parts[1]), parts[2] == "TYPES" || parts[2] == "ROWS" {
                flush()
                current = (i, parts[2] == "TYPES")
                buffer = []
            } else {
                buffer.append(line)
            }
        }
        flush()
        var out: [Int: (types: String, rows: String)] = [:]
        for (i, t) in types { if let r = rows[i] { out[i] = (t, r) } }
        return out
    }

    /// outcome reads one query's DESCRIBE and result: JSON when it ran, else DuckDB's error message.
    func outcome(types: String, rows: String) -> Outcome<DuckCell> {
        let r = rows.trimmingCharacters(in: .whitespacesAndNewlines)
        guard r.hasPrefix("[") else { return .failure(firstLine(r)) }
        do {
            let columnTypes: [String]
            let t = types.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.hasPrefix("["), case .array(let described) = try OrderedJSON.parse(Array(t.utf8)) {
                columnTypes = described.map { d in
                    if case .object(let pairs) = d, let type = pairs.first(where: { $0.0 == "column_type" }), case .string(let s) = type.1 { return s }
                    return ""
                }
            } else {
                columnTypes = []
            }
            guard case .array(let objects) = try OrderedJSON.parse(Array(r.utf8)) else { return .failure("unexpected JSON: \(r)") }
            var table: [[DuckCell]] = []
            for object in objects {
                guard case .object(let pairs) = object else { return .failure("unexpected JSON row: \(r)") }
                table.append(pairs.enumerated().map { k, pair in
                    cell(pair.1, type: k < columnTypes.count ? columnTypes[k] : "")
                })
            }
            return .rows(table)
        } catch {
            return .failure("unreadable duckdb JSON (\(error)): \(r)")
        }
    }

    func cell(_ json: OrderedJSON, type: String) -> DuckCell {
        let exactTypes = type.hasPrefix("DECIMAL") || type == "HUGEINT" || type == "UHUGEINT" || type == "UBIGINT"
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let t):
            if exactTypes { return .exact(t) }
            switch t {
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            case "NaN": return .double(.nan)
            default: break
            }
            if !t.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let i = Int64(t) { return .int(i) }
            return Double(t).map(DuckCell.double) ?? .exact(t)
        case .string(let s):
            if type == "DATE" { return .date(s) }
            return exactTypes && Double(s) != nil ? .exact(s) : .text(s)
        case .array, .object: return .text("\(json)")
        }
    }

    func firstLine(_ s: String) -> String {
        String(s.split(separator: "\n").first ?? "")
    }
}

// MARK: - indq's side

/// runIndq parses, checks and runs one query in-process, keeping the values' types.
func runIndq(_ sql: String) -> Outcome<Value> {
    let source = SourceText(sql)
    do {
        let statements = try Parser.parseAll(source)
        guard statements.count == 1, case .query(let query) = statements[0] else {
            return .failure("not a single query")
        }
        var checker = Binder(catalogue: .builtin, source: source)
        let plan = try checker.check(query)
        return .rows(try Executor.run(plan).rows)
    } catch let d as Diagnostic {
        let place = source.location(of: d.range.start)
        return .failure("\(place.line):\(place.column) error: \(d.message)")
    } catch {
        return .failure("error: \(error)")
    }
}

/// shownValue writes an indq value for a report: text is quoted, a percentage also shows its fraction.
func shownValue(_ v: Value) -> String {
    switch v {
    case .text(let s): return "'" + s + "'"
    case .percentage(let f), .points(let f): return (v.display ?? "") + "=" + f.description
    case .double: return (v.display ?? "") + " (double)"
    default: return v.display ?? "NULL"
    }
}

// MARK: - Query text

/// percentToFraction rewrites percentage literals for DuckDB: `95%` → `0.95`, `12.5%` → `0.125`. It leaves alone
/// text in quotes (LIKE patterns), a `%` after a name, and a `%` followed by a word or number (`7%2`, modulo).
func percentToFraction(_ sql: String) -> String {
    let chars = Array(sql)
    var out = ""
    var i = 0
    func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
    while i < chars.count {
        let c = chars[i]
        if c == "'" || c == "\"" {
            // A quoted string or name, with doubled quotes inside.
            var j = i + 1
            while j < chars.count {
                if chars[j] == c {
                    if j + 1 < chars.count && chars[j + 1] == c { j += 2; continue }
                    break
                }
                j += 1
            }
            let end = min(j + 1, chars.count)
            out += String(chars[i..<end])
            i = end
            continue
        }
        if c.isASCII && c.isNumber && (i == 0 || !(isWord(chars[i - 1]) || chars[i - 1] == ".")) {
            var j = i
            while j < chars.count && chars[j].isASCII && chars[j].isNumber { j += 1 }
            if j + 1 < chars.count && chars[j] == "." && chars[j + 1].isASCII && chars[j + 1].isNumber {
                j += 1
                while j < chars.count && chars[j].isASCII && chars[j].isNumber { j += 1 }
            }
            let number = String(chars[i..<j])
            if j < chars.count && chars[j] == "%" && !(j + 1 < chars.count && isWord(chars[j + 1])) {
                out += shiftPoint(number)
                i = j + 1
            } else {
                out += number
                i = j
            }
            continue
        }
        if isWord(c) {
            // A whole name or keyword, so that digits inside it are not read as a number.
            var j = i
            while j < chars.count && isWord(chars[j]) { j += 1 }
            out += String(chars[i..<j])
            i = j
            continue
        }
        out.append(c)
        i += 1
    }
    return out
}

/// shiftPoint divides a decimal numeral by 100 by moving its point: `95` → `0.95`, `12.5` → `0.125`.
func shiftPoint(_ numeral: String) -> String {
    let parts = numeral.split(separator: ".", omittingEmptySubsequences: false)
    let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
    var digits = whole + fraction
    var point = whole.count - 2
    if point <= 0 {
        digits = String(repeating: "0", count: 1 - point) + digits
        point = 1
    }
    var head = String(digits.prefix(point)).drop { $0 == "0" }
    if head.isEmpty { head = "0" }
    let tail = String(digits.dropFirst(point))
    return String(head) + "." + (tail.isEmpty ? "0" : tail)
}

/// hasTopLevelOrderBy tells whether a query sorts its result: ORDER BY outside parentheses and quotes.
func hasTopLevelOrderBy(_ sql: String) -> Bool {
    var words: [String] = []
    var depth = 0
    var word = ""
    var quote: Character?
    func endWord() {
        if !word.isEmpty && depth == 0 { words.append(word.lowercased()) }
        word = ""
    }
    for c in sql {
        if let q = quote {
            if c == q { quote = nil }
            continue
        }
        switch c {
        case "'", "\"": endWord(); quote = c
        case "(": endWord(); depth += 1
        case ")": endWord(); depth = max(0, depth - 1)
        default:
            if c.isLetter || c.isNumber || c == "_" { word.append(c) } else { endWord() }
        }
    }
    endWord()
    return zip(words, words.dropFirst()).contains { $0 == "order" && $1 == "by" }
}

func quoteIdentifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
func quoteString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

// MARK: - The corpus files

/// OracleFile reads corpus.sql and differences.sql: entries end with `;` at the end of a line; `-- section: name`
/// names the entries after it; `-- fails` marks the next entry; `-- key: text` lines before an entry are its notes.
struct OracleFile {
    struct Entry {
        var sql: String
        var line: Int
        var section: String
        var mustFail: Bool
        var notes: [String: String]
    }

    static func read(_ relativePath: String) throws -> [Entry] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
        return parse(text)
    }

    static func parse(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        var section = ""
        var mustFail = false
        var notes: [String: String] = [:]
        var current: [Substring] = []
        var start = 0
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            if current.isEmpty {
                if t.isEmpty { continue }
                if t.hasPrefix("--") {
                    let comment = t.dropFirst(2).trimmingCharacters(in: .whitespaces)
                    if comment == "fails" {
                        mustFail = true
                    } else if comment.hasPrefix("section:") {
                        section = comment.dropFirst("section:".count).trimmingCharacters(in: .whitespaces)
                        notes = [:]
                    } else if let colon = comment.firstIndex(of: ":"), !comment[..<colon].contains(" ") {
                        notes[String(comment[..<colon])] = comment[comment.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    }
                    // Any other comment is prose about the file.
                    continue
                }
                start = n + 1
            }
            current.append(line)
            if t.hasSuffix(";") {
                var sql = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                sql.removeLast()
                entries.append(Entry(sql: sql.trimmingCharacters(in: .whitespacesAndNewlines), line: start, section: section,
                                     mustFail: mustFail, notes: notes))
                current = []
                mustFail = false
                notes = [:]
            }
        }
        return entries
    }
}

// MARK: - The generator

/// QueryGenerator makes queries from a small grammar over the year tables, deterministically from a seed:
/// select lists of columns, arithmetic (with exact decimals and round), dates made from the year, WHERE with comparisons, BETWEEN, IN and IS NULL, ORDER BY, LIMIT.
/// joinQuery (OracleJoinGenerator.swift) makes queries that combine datasets.
struct QueryGenerator {
    var state: UInt64
    let tables: [Dataset]

    init(seed: UInt64, catalogue: Catalogue) {
        state = seed
        let names = ["studenten", "familie_en_gezin", "kennis_en_talent", "start_ups", "arbeidsmigranten", "brexit",
                     "juridische_zaken", "regulier"]
        tables = names.compactMap { catalogue.dataset(named: $0) }
    }

    /// next is a 64-bit LCG (Knuth's MMIX constants); the high bits are the random ones.
    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }

    mutating func pick<T>(_ xs: [T]) -> T { xs[next(xs.count)] }
    mutating func chance(_ percent: Int) -> Bool { next(100) < percent }

    mutating func query() -> String {
        let t = pick(tables)
        let numeric = t.columns.enumerated().filter { $0.element.type == .integer || $0.element.type == .percentage }
        var items: [String] = []
        for _ in 0..<(1 + next(3)) {
            let e = expression(t, numeric)
            items.append(chance(30) ? "\(e) as c\(items.count + 1)" : e)
        }
        var sql = "select " + items.joined(separator: ", ") + " from " + t.name
        if chance(75) { sql += " where " + condition(t, numeric, depth: 0) }
        if chance(60) {
            var keys = [orderKey(t, numeric)]
            if t.columns.contains(where: { $0.name == "categorie" }) { keys.append("categorie") }
            keys.append("year")
            sql += " order by " + keys.joined(separator: ", ")
            if chance(50) { sql += " limit \(1 + next(4))" + (chance(30) ? " offset \(next(3))" : "") }
        }
        return sql
    }

    mutating func columnRef(_ numeric: [(offset: Int, element: Column)]) -> Column { pick(numeric).element }

    /// literal is a value near the column's figures: a percentage for a percentage column, else a whole number.
    mutating func literal(for column: Column, in t: Dataset) -> String {
        let i = t.columns.firstIndex { $0.name == column.name }!
        let v = pick(t.rows)[i]
        switch v {
        case .percentage(let f):
            let p = Int((f.double * 100).rounded()) + next(7) - 3
            return chance(80) ? "\(p)%" : "0.\(String(format: "%02d", max(0, min(99, p))))"
        case .integer(let n):
            if column.name == "year" { return String(n + Int64(next(3)) - 1) }
            return String(max(0, n + Int64(next(2001)) - 1000))
        default:
            return "0"
        }
    }

    mutating func expression(_ t: Dataset, _ numeric: [(offset: Int, element: Column)]) -> String {
        let a = columnRef(numeric)
        if a.name == "year" && chance(25) { return dateExpression() }
        switch next(9) {
        case 0, 1: return a.name
        case 2:
            let b = columnRef(numeric)
            return "\(a.name) \(pick(["+", "-", "*"])) \(b.name)"
        case 3:
            let b = columnRef(numeric)
            return "\(a.name) / \(b.name)"
        case 4:
            if a.type == .integer { return "\(a.name) // \(pick([2, 3, 7, 10, 100, 1000]))" }
            return "\(a.name) * \(pick([2, 10, 100]))"
        case 5:
            let b = columnRef(numeric)
            return "(\(a.name) - \(b.name)) * \(pick([2, 3, -1]))"
        case 6:
            return "-\(a.name) + \(pick([1, 5, 1000]))"
        case 7:
            // Exact decimals: DuckDB's DECIMAL scale rules for * and +.
            return "\(a.name) * \(pick(["1.5", "0.25", "2.50", "-0.1"])) + \(pick(["0.05", "1", "0.125"]))"
        default:
            // A percentage plus a decimal is a decimal, so round rounds it as DuckDB does.
            return "round(\(a.name) \(pick(["+", "-"])) \(pick(["0.5", "0.125", "1.05"])), \(pick([0, 1, 2, -1])))"
        }
    }

    mutating func condition(_ t: Dataset, _ numeric: [(offset: Int, element: Column)], depth: Int) -> String {
        if depth < 1 && chance(30) {
            let l = condition(t, numeric, depth: depth + 1), r = condition(t, numeric, depth: depth + 1)
            return "\(l) \(pick(["and", "or"])) \(r)"
        }
        if depth < 1 && chance(10) { return "not (\(condition(t, numeric, depth: depth + 1)))" }
        let c = columnRef(numeric)
        if c.name != "year" && t.columns.contains(where: { $0.name == "categorie" }) && chance(20) {
            let cats = ["familie_en_gezin", "kennis_en_talent", "start_ups", "studenten", "arbeidsmigranten"]
            if chance(50) { return "categorie \(pick(["=", "<>"])) '\(pick(cats))'" }
            return "categorie \(chance(30) ? "not in" : "in") ('\(pick(cats))', '\(pick(cats))')"
        }
        switch next(6) {
        case 0, 1, 2:
            return "\(c.name) \(pick(["=", "!=", "<>", "<", "<=", ">", ">="])) \(literal(for: c, in: t))"
        case 3:
            var (low, high) = (literal(for: c, in: t), literal(for: c, in: t))
            if chance(20) { swap(&low, &high) }
            return "\(c.name) \(chance(25) ? "not between" : "between") \(low) and \(high)"
        case 4:
            let list = (0..<(1 + next(3))).map { _ in literal(for: c, in: t) } + (chance(15) ? ["null"] : [])
            return "\(c.name) \(chance(25) ? "not in" : "in") (\(list.joined(separator: ", ")))"
        default:
            let e = chance(50) ? c.name : "\(c.name) * null"
            return "\(e) is \(chance(50) ? "not " : "")null"
        }
    }

    /// dateExpression makes a date from the year column and computes with it. DuckDB adds only an INTEGER to a
    /// DATE, hence the casts.
    mutating func dateExpression() -> String {
        let d = "make_date(year, \(1 + next(12)), \(1 + next(28)))"
        switch next(5) {
        case 0: return "\(d) \(pick(["+", "-"])) \(pick(["1", "31", "366", "(year // 100)::integer"]))"
        case 1: return "\(pick(["year", "month", "day", "quarter", "week", "dayofyear", "dayofweek"]))(\(d))"
        case 2: return "date_trunc('\(pick(["year", "quarter", "month", "week"]))', \(d))::date"
        case 3: return "date_diff('\(pick(["day", "week", "month", "year"]))', date '2019-07-01', \(d))"
        default: return "\(d) - date '2020-02-29'"
        }
    }

    mutating func orderKey(_ t: Dataset, _ numeric: [(offset: Int, element: Column)]) -> String {
        let c = columnRef(numeric)
        let key = chance(30) ? "\(c.name) - \(columnRef(numeric).name)" : c.name
        return key + (chance(50) ? " desc" : "")
    }
}

// MARK: - Helpers

/// findExecutable looks a program up on PATH.
func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for dir in path.split(separator: ":") {
        let candidate = String(dir) + "/" + name
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// runProcess runs a program with `input` on its standard input and returns its status and its output, with
/// standard error in the same stream, in order.
func runProcess(_ executable: String, _ arguments: [String], input: String) throws -> (Int32, String) {
    let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("indq-oracle-input-\(UUID().uuidString).sql")
    try input.write(to: inputFile, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: inputFile) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = try FileHandle(forReadingFrom: inputFile)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// OrderedJSON is JSON as DuckDB writes it: objects keep their keys' order and duplicates, and numbers may be
/// Infinity, -Infinity or NaN.
indirect enum OrderedJSON: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// The number's text, as written.
    case number(String)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    static func == (a: OrderedJSON, b: OrderedJSON) -> Bool { a.description == b.description }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let t): return t
        case .string(let s): return "\"" + s + "\""
        case .array(let xs): return "[" + xs.map(\.description).joined(separator: ",") + "]"
        case .object(let ps): return "{" + ps.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }
    }

    struct SyntaxError: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "bad JSON at byte \(offset)" }
    }

    static func parse(_ bytes: [UInt8]) throws -> OrderedJSON {
        var p = JSONReader(bytes: bytes)
        let v = try p.value()
        p.skipSpace()
        guard p.i == bytes.count else { throw SyntaxError(offset: p.i) }
        return v
    }

    struct JSONReader {
        let bytes: [UInt8]
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { return false }
            i += w.count
            return true
        }

        mutating func value() throws -> OrderedJSON {
            skipSpace()
            guard i < bytes.count else { throw SyntaxError(offset: i) }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [(String, OrderedJSON)] = []
                skipSpace()
                if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                while true {
                    skipSpace()
                    guard case .string(let key) = try value() else { throw SyntaxError(offset: i) }
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw SyntaxError(offset: i) }
                    i += 1
                    pairs.append((key, try value()))
                    skipSpace()
                    guard i < bytes.count else { throw SyntaxError(offset: i) }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                    throw SyntaxError(offset: i)
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [OrderedJSON] = []
                skipSpace()
                if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    items.append(try value())
                    skipSpace()
                    guard i < bytes.count else { throw SyntaxError(offset: i) }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    throw SyntaxError(offset: i)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            default:
                if literal("null") { return .null }
                if literal("true") { return .bool(true) }
                if literal("false") { return .bool(false) }
                if literal("Infinity") { return .number("Infinity") }
                if literal("-Infinity") { return .number("-Infinity") }
                if literal("NaN") { return .number("NaN") }
                let start = i
                while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
                guard i > start else { throw SyntaxError(offset: i) }
                return .number(String(decoding: bytes[start..<i], as: UTF8.self))
            }
        }

        mutating func string() throws -> String {
            i += 1
            var out: [UInt8] = []
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
                default: out.append(e)
                }
            }
            throw SyntaxError(offset: i)
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
                throw SyntaxError(offset: i)
            }
            i += 4
            return v
        }
    }
}

/// The examples of `help join` and `help with` are shown in full and give DuckDB's rows.
struct HelpJoinExampleTests {
    @Test func examplesAreShownAndRun() {
        for (topic, examples) in [("join", Help.joinExamples), ("with", Help.withExamples)] {
            let text = Help.text(topic: topic, catalogue: .builtin)
            for e in examples {
                #expect(text.contains(e + ";"), "help \(topic) lacks \(e)")
                #expect(runDot(e).err == "", "help \(topic): \(e): \(runDot(e).err)")
            }
        }
        #expect(Help.text(topic: nil, catalogue: .builtin).contains("help join"))
    }

    @Test func examplesAgreeWithDuckDB() {
        guard let oracle = Oracle.ready() else { return }
        let cases = (Help.joinExamples + Help.withExamples).enumerated().map { i, sql in
            OracleCase(label: "help example \(i + 1)", sql: sql, mustFail: false)
        }
        oracle.check(cases, name: "help join and help with")
    }
}
