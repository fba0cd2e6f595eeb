// The CSV corpus against DuckDB: every file of Tests/Oracle/csv is read through indq in-process (`select * from
// 'file'`, or read_csv with the manifest's options) and through the DuckDB CLI's read_csv, and the two must give the
// same column names and rows, or both reject the file, or differ as the manifest documents. Tests/Oracle/csv/make.py
// writes the files and manifest.tsv.
//
// Locally the comparison skips, loudly, when `duckdb` is not on PATH; when CI is set it fails instead (Oracle.ready).

import Foundation
import Testing
@testable import IndqCore

struct CSVCorpusTests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/Oracle/csv")

    /// The corpus is large enough, and the manifest and the folder name the same files.
    @Test func manifestCoversTheFolder() throws {
        let entries = try CSVManifest.read()
        let listed = Set(entries.map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder.path))
            .subtracting(["make.py", "manifest.tsv", "README.md"])
        #expect(listed.count >= 40, "the CSV corpus must hold at least 40 files, it has \(listed.count)")
        #expect(present.subtracting(listed).isEmpty, "files not in manifest.tsv: \(present.subtracting(listed).sorted())")
        #expect(listed.subtracting(present).isEmpty, "manifest.tsv names missing files: \(listed.subtracting(present).sorted())")
        for e in entries where e.expect != .rows && e.expect != .fails {
            #expect(!e.why.isEmpty, "\(e.label): a documented difference needs its why")
        }
    }

    @Test func everyFileAgreesWithDuckDB() throws {
        guard let oracle = Oracle.ready() else {
            try Test.cancel("duckdb not found: the CSV corpus was not compared")
        }
        // Until indq reads files, there is nothing to compare: say so, never pass.
        if case .failure(let message) = CSVCorpus.indq("select * from 'probe.csv'", parseOnly: true) {
            print("CSV CORPUS SKIPPED: indq does not read files yet (\(message))")
            try Test.cancel("indq does not read files yet: from 'file.csv' is refused (\(message))")
        }
        let entries = try CSVManifest.read()
        let duck = CSVCorpus.duckdb(entries.map { $0.duckdbSQL(in: Self.folder) }, path: oracle.duckdbPath)
        var problems: [String] = []
        for (entry, d) in zip(entries, duck) {
            let i = CSVCorpus.indq(entry.indqSQL(in: Self.folder))
            if let problem = CSVCorpus.compare(entry, indq: i, duckdb: d) { problems.append(problem) }
        }
        let summary = "csv corpus: \(entries.count) checks of \(Set(entries.map(\.file)).count) files, "
            + "\(entries.count - problems.count) as expected, \(problems.count) not"
        print(summary)
        if !problems.isEmpty {
            Issue.record(Comment(rawValue: summary + "\n\n" + problems.joined(separator: "\n\n")))
        }
    }

    // Checks of the harness itself, which need no DuckDB.

    @Test func percentagesMatchDuckDBText() {
        let c = CSVCorpus.self
        #expect(c.sameValue(.percentage(DecimalValue.parse("0.82")!), .text("82%")))
        #expect(c.sameValue(.percentage(DecimalValue.parse("0.825")!), .text("82,5%")))
        #expect(c.sameValue(.percentage(DecimalValue.parse("0.125")!), .text("12.5%")))
        #expect(!c.sameValue(.percentage(DecimalValue.parse("0.82")!), .text("83%")))
        #expect(!c.sameValue(.percentage(DecimalValue.parse("0.82")!), .text("82")))
        #expect(!c.sameValue(.text("82%"), .exact("0.82")))
    }

    @Test func decimalsMatchDuckDBDoublesExactly() {
        let c = CSVCorpus.self
        #expect(c.sameValue(.decimal(DecimalValue.parse("578.4")!), .double(578.4)))
        #expect(!c.sameValue(.decimal(DecimalValue.parse("578.4")!), .double(578.40000001)))
        #expect(!c.sameValue(.integer(578), .double(578)))
        #expect(!c.sameValue(.integer(1), .text("1")))
        #expect(c.sameValue(.null, .null))
        #expect(!c.sameValue(.text(""), .null))
    }

    @Test func manifestLinesParse() throws {
        let entries = CSVManifest.parse("# comment\na.csv\trows\t\t\t\nb.csv\tduckdb-fails\tencoding = 'latin-1'\t\tbecause\n")
        #expect(entries.count == 2)
        #expect(entries[1].expect == .duckdbFails && entries[1].duckdb == "encoding = 'latin-1'" && entries[1].why == "because")
        #expect(entries[0].indqSQL(in: URL(fileURLWithPath: "/d")) == "select * from '/d/a.csv'")
        #expect(entries[1].duckdbSQL(in: URL(fileURLWithPath: "/d")) == "select * from read_csv('/d/b.csv', encoding = 'latin-1')")
    }
}

// MARK: - The manifest

/// CSVManifest reads Tests/Oracle/csv/manifest.tsv: file, expect, duckdb options, indq options, why.
struct CSVManifest {
    enum Expect: String {
        case rows, fails
        case indqFails = "indq-fails"
        case duckdbFails = "duckdb-fails"
        /// indq does not yet do what DuckDB does: a defect reported and not fixed.
        case open
    }

    struct Entry {
        var file: String
        var expect: Expect
        var duckdb: String
        var indq: String
        var why: String
        var line: Int

        var label: String { "manifest.tsv:\(line) \(file)" + (indq.isEmpty && duckdb.isEmpty ? "" : " [\(duckdb) | \(indq)]") }

        func path(in folder: URL) -> String { folder.appendingPathComponent(file).path }

        /// indqSQL reads the file as a user would: `from 'file'` without options, read_csv with them.
        func indqSQL(in folder: URL) -> String {
            let path = quoteString(path(in: folder))
            return indq.isEmpty ? "select * from \(path)" : "select * from read_csv(\(path), \(indq))"
        }

        func duckdbSQL(in folder: URL) -> String {
            let path = quoteString(path(in: folder))
            return "select * from read_csv(\(path)\(duckdb.isEmpty ? "" : ", " + duckdb))"
        }
    }

    static func read() throws -> [Entry] {
        parse(try String(contentsOf: CSVCorpusTests.folder.appendingPathComponent("manifest.tsv"), encoding: .utf8))
    }

    static func parse(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let field = { (i: Int) in i < f.count ? f[i] : "" }
            guard let expect = Expect(rawValue: field(1)) else {
                Issue.record("manifest.tsv:\(n + 1): unknown expectation '\(field(1))'")
                continue
            }
            entries.append(Entry(file: field(0), expect: expect, duckdb: field(2), indq: field(3), why: field(4), line: n + 1))
        }
        return entries
    }
}

// MARK: - Running and comparing

/// CSVResult is what one side made of a file: column names and rows, or an error.
enum CSVResult<Cell: Sendable>: Sendable {
    case table(names: [String], rows: [[Cell]])
    case failure(String)
}

enum CSVCorpus {
    /// indq runs one query in-process and keeps the result's column names; parseOnly stops after parsing.
    static func indq(_ sql: String, parseOnly: Bool = false) -> CSVResult<Value> {
        let source = SourceText(sql)
        do {
            let statements = try Parser.parseAll(source)
            guard statements.count == 1, case .query(let query) = statements[0] else { return .failure("not a single query") }
            if parseOnly { return .table(names: [], rows: []) }
            var binder = Binder(catalogue: .builtin, source: source)
            let result = try Executor.run(try binder.check(query))
            return .table(names: result.columns.map(\.name), rows: result.rows)
        } catch let d as Diagnostic {
            let place = source.location(of: d.range.start)
            return .failure("\(place.line):\(place.column) error: \(d.message)")
        } catch {
            return .failure("\(error)")
        }
    }

    /// duckdb runs the queries in one DuckDB process; each is preceded by a DESCRIBE, for its column names and types.
    static func duckdb(_ queries: [String], path: String) -> [CSVResult<DuckCell>] {
        var script = ""
        for (i, q) in queries.enumerated() {
            script += ".print @@ORACLE \(i) TYPES\nDESCRIBE \(q);\n.print @@ORACLE \(i) ROWS\n\(q);\n"
        }
        let oracle = Oracle(duckdbPath: path, database: ":memory:")
        let sections: [Int: (types: String, rows: String)]
        do {
            let (_, output) = try runProcess(path, ["-json", ":memory:"], input: script)
            sections = oracle.splitSections(output)
        } catch {
            return queries.map { _ in .failure("could not run duckdb: \(error)") }
        }
        return queries.indices.map { i in
            guard let s = sections[i] else { return .failure("no output from duckdb") }
            let rows = s.rows.trimmingCharacters(in: .whitespacesAndNewlines)
            guard rows.hasPrefix("[") else { return .failure(oracle.firstLine(rows)) }
            do {
                guard case .array(let described) = try OrderedJSON.parse(Array(s.types.trimmingCharacters(in: .whitespacesAndNewlines).utf8)),
                      case .array(let objects) = try OrderedJSON.parse(Array(rows.utf8)) else {
                    return .failure("unexpected duckdb JSON: \(rows.prefix(200))")
                }
                var names: [String] = [], types: [String] = []
                for d in described {
                    guard case .object(let pairs) = d else { continue }
                    for (key, value) in pairs {
                        if case .string(let v) = value, key == "column_name" { names.append(v) }
                        if case .string(let v) = value, key == "column_type" { types.append(v) }
                    }
                }
                let table = objects.map { object -> [DuckCell] in
                    guard case .object(let pairs) = object else { return [] }
                    return pairs.enumerated().map { k, pair in oracle.cell(pair.1, type: k < types.count ? types[k] : "") }
                }
                return .table(names: names, rows: table)
            } catch {
                return .failure("unreadable duckdb JSON (\(error)): \(rows.prefix(200))")
            }
        }
    }

    /// compare returns nil when the two sides did what the manifest expects, else an account of what happened.
    static func compare(_ e: CSVManifest.Entry, indq: CSVResult<Value>, duckdb: CSVResult<DuckCell>) -> String? {
        let cause: String
        switch (e.expect, indq, duckdb) {
        case (.fails, .failure, .failure), (.indqFails, .failure, .table), (.duckdbFails, .table, .failure):
            return nil
        case (.open, .failure, .table):
            return nil
        case (.open, .table(let n1, let r1), .table(let n2, let r2)):
            if compareTables(n1, r1, n2, r2) != nil { return nil }
            cause = "the open difference is fixed (\(e.why)): mark the file `rows` in make.py"
        case (.rows, .table(let n1, let r1), .table(let n2, let r2)):
            guard let problem = compareTables(n1, r1, n2, r2) else { return nil }
            cause = problem
        case (.rows, .failure, .table):
            cause = "indq rejects a file DuckDB reads"
        case (.rows, .table, .failure):
            cause = "DuckDB rejects a file indq reads (fix the manifest's DuckDB options?)"
        case (.rows, .failure, .failure):
            cause = "both reject a file the manifest expects to read"
        case (.fails, .table, _):
            cause = "indq reads a broken file that must be an error"
        case (.fails, _, .table):
            cause = "DuckDB reads a file the manifest calls broken (fix the manifest)"
        default:
            cause = "no longer the documented difference (\(e.expect.rawValue): \(e.why))"
        }
        return """
            --- \(e.label): \(cause)
              indq:   \(describe(indq, show: shownValue))
              duckdb: \(describe(duckdb, show: \.shown))
            """
    }

    static func compareTables(_ n1: [String], _ r1: [[Value]], _ n2: [String], _ r2: [[DuckCell]]) -> String? {
        if n1 != n2 { return "column names differ" }
        if r1.count != r2.count { return "row counts differ (indq \(r1.count), duckdb \(r2.count))" }
        for (i, (a, b)) in zip(r1, r2).enumerated() {
            if a.count != b.count { return "row \(i + 1): column counts differ (indq \(a.count), duckdb \(b.count))" }
            if let k = a.indices.first(where: { !sameValue(a[$0], b[$0]) }) {
                return "row \(i + 1), column \(n1[k]): indq \(shownValue(a[k])), duckdb \(b[k].shown)"
            }
        }
        return nil
    }

    /// sameValue compares an indq value with DuckDB's, where read_csv's types are not indq's:
    /// - DuckDB has no percentage: it keeps `82%` as text, which must be the percentage's number (with `,` or `.`);
    /// - DuckDB's sniffer has no DECIMAL: its DOUBLE must be exactly the double nearest indq's decimal;
    /// - a DATE arrives as ISO text (DuckCell.date), which must be the date's.
    /// Otherwise the types must agree, as in the query oracle.
    static func sameValue(_ a: Value, _ b: DuckCell) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.text(let x), .text(let y)): return x == y
        case (.boolean(let x), .bool(let y)): return x == y
        case (.integer(let x), .int(let y)): return x == y
        case (.double(let x), .double(let y)):
            if x == y { return true }
            return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        case (.decimal(let d), .double(let y)): return Double(d.description) == y
        case (.decimal, .exact(let t)), (.integer, .exact(let t)):
            guard let x = a.asDecimal, let y = DecimalValue.parse(t) else { return false }
            return x == y
        case (.percentage(let f), .text(let s)):
            guard s.hasSuffix("%") else { return false }
            let number = String(s.dropLast()).replacingOccurrences(of: ",", with: ".")
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let y = DecimalValue.parse(shiftPoint(number)) else { return false }
            return f == y
        // DuckDB's DATE arrives as DuckCell.date; a VARCHAR that reads the same is another type.
        case (.date(let d), .date(let s)): return d.description == s
        default: return false
        }
    }

    static func describe<Cell>(_ r: CSVResult<Cell>, show: (Cell) -> String) -> String {
        switch r {
        case .failure(let m): return "ERROR " + m.split(separator: "\n").prefix(2).joined(separator: " / ")
        case .table(let names, let rows):
            let limit = 4
            var lines = rows.prefix(limit).map { "(" + $0.map(show).joined(separator: ", ") + ")" }
            if rows.count > limit { lines.append("… \(rows.count - limit) more") }
            return "[" + names.joined(separator: ", ") + "] \(rows.count) row\(rows.count == 1 ? "" : "s"): " + lines.joined(separator: " ")
        }
    }
}
