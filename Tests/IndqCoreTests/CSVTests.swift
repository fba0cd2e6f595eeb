// CSV tests: the sniffer, the tokenizer and the number parsers as tables, and whole queries over small files written
// to a temporary folder: each row is a file's bytes, a query over it, and its CSV output or its error's place.

import Glibc
import Testing
@testable import IndqCore

/// TempFiles writes files into a fresh temporary folder.
final class TempFiles {
    let folder: String

    init() {
        var template = Array(((getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/indq-csv-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        folder = made.map { String(cString: $0) } ?? "."
    }

    /// write puts bytes in a file of the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = folder + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot write \(path)")
        bytes.withUnsafeBytes { p in _ = Glibc.write(fd, p.baseAddress, p.count) }
        close(fd)
        return path
    }

    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    deinit {
        if let dir = opendir(folder) {
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
                if name != "." && name != ".." { unlink(folder + "/" + name) }
            }
            closedir(dir)
        }
        rmdir(folder)
    }
}

/// runOver runs a query with `{f}` standing for a file's path; the CSV output, or `line:col message` of the error.
func runOver(_ path: String, _ query: String) -> (out: String, err: String) {
    var out = "", err = ""
    var session = Session(format: .csv, write: { out += $0 }, writeError: { err += $0 })
    let outcome = session.run(SourceText(query.replacingAll("{f}", with: path)))
    if outcome == .failure {
        let lines = err.split(separator: "\n")
        var place = lines.first { $0.contains("-->") }.map { String($0.split(separator: " ").last!) } ?? "?"
        if place.hasPrefix(path + ":") { place.removeFirst(path.count + 1) }
        return (out, "\(place) \(lines.first ?? "")")
    }
    return (out.replacingAll("\r\n", with: "\n"), err)
}

struct CSVTests {
    // MARK: Number parsers

    static let integers: [(String, UInt8?, Int64?)] = [
        ("42", nil, 42), ("-42", nil, -42), ("+7", nil, 7), (" 12 ", nil, 12), ("", nil, nil), ("-", nil, nil),
        ("9223372036854775807", nil, Int64.max), ("-9223372036854775808", nil, Int64.min),
        ("9223372036854775808", nil, nil), ("99999999999999999999999", nil, nil), ("1.5", nil, nil),
        ("42.690", UInt8(ascii: "."), 42690), ("1.234.567", UInt8(ascii: "."), 1_234_567), ("1.23", UInt8(ascii: "."), nil),
        ("1234.567", UInt8(ascii: "."), nil), (".123", UInt8(ascii: "."), nil), ("12.", UInt8(ascii: "."), nil),
        ("42690", UInt8(ascii: "."), 42690),
    ]

    @Test(arguments: integers)
    func readsIntegers(_ row: (String, UInt8?, Int64?)) {
        let bytes = Array(row.0.utf8)
        let v = bytes.withUnsafeBufferPointer { CSVDecoding.integer($0, 0, $0.count, thousands: row.1) }
        #expect(v == row.2, "\(row.0)")
    }

    static let decimals: [(String, Character, Character?, String?)] = [
        ("1.5", ".", nil, "1.5"), ("-0.25", ".", nil, "-0.25"), (".5", ".", nil, "0.5"), ("578,4", ",", nil, "578.4"),
        ("1.234,5", ",", ".", "1234.5"), ("1,234.5", ".", ",", "1234.5"), ("1e3", ".", nil, "1000"), ("1,5", ".", nil, nil),
        ("abc", ".", nil, nil), ("1.2.3", ".", nil, nil), ("1" + String(repeating: "0", count: 40), ".", nil, nil),
    ]

    @Test(arguments: decimals)
    func readsDecimals(_ row: (String, Character, Character?, String?)) {
        let bytes = Array(row.0.utf8)
        let v = bytes.withUnsafeBufferPointer {
            CSVDecoding.decimal($0, 0, $0.count, decimal: row.1.asciiValue!, thousands: row.2?.asciiValue)
        }
        #expect(v?.description == row.3, "\(row.0)")
    }

    @Test func readsPercentages() {
        for (text, sep, fraction) in [("82%", ".", "0.82"), ("82,5%", ",", "0.825"), (" 7.25% ", ".", "0.0725"), ("82", ".", nil)] {
            let bytes = Array(text.utf8)
            let v = bytes.withUnsafeBufferPointer {
                CSVDecoding.percentage($0, 0, $0.count, decimal: Character(sep).asciiValue!, thousands: nil)
            }
            #expect(v?.description == fraction, "\(text)")
        }
    }

    @Test func findsInvalidUTF8() {
        let cases: [([UInt8], Int?)] = [
            (Array("plain ascii text, long enough".utf8), nil), (Array("José".utf8), nil), ([0x41, 0xE9, 0x42], 1),
            ([0xC0, 0x80], 0), ([0xED, 0xA0, 0x80], 0), ([0xF4, 0x90, 0x80, 0x80], 0), ([0x41, 0x42, 0xE2, 0x82], 2),
            (Array("12345678".utf8) + [0xFF], 8),
        ]
        for (bytes, bad) in cases {
            #expect(bytes.withUnsafeBufferPointer { CSVDecoding.invalidUTF8($0, 0, $0.count) } == bad, "\(bytes)")
        }
    }

    // MARK: Sniffer

    static let dialects: [(String, String, Bool, String)] = [
        // file, delimiter, header, column types
        ("a,b\n1,2\n", ",", true, "integer integer"),
        ("1,2\n3,4\n", ",", false, "integer integer"),
        ("a;b\n1,5;42.690\n2,25;1.000\n", ";", true, "decimal integer"),
        ("a\tb\nx\t1.5\n", "\t", true, "text decimal"),
        ("a|b|c\n1|true|82%\n", "|", true, "integer boolean percentage"),
        ("x,y\nz,w\n", ",", true, "text text"),
        ("d,n\n2023-01-31,1\n31-12-2022,2\n", ",", true, "date integer"),
        ("jaar;pct\n2021;82,5%\n", ";", true, "integer percentage"),
        ("\"a;b\",c\n\"1;2\",3\n", ",", true, "text integer"),
        // As DuckDB: t and F are booleans, 0 and 1 whole numbers, and a leading zero keeps a code as text.
        ("a,b,c,d\n0,t,007,01.5\n1,F,012,2.5\n", ",", true, "integer boolean text text"),
    ]

    @Test(arguments: dialects)
    func sniffsDialect(_ row: (String, String, Bool, String)) throws {
        let layout = try CSVSniffer.sniff(bytes: Array(row.0.utf8))
        #expect(byteName(layout.dialect.delimiter) == (row.1 == "\t" ? "\\t" : row.1), "\(row.0)")
        #expect(layout.dialect.header == row.2, "\(row.0)")
        #expect(layout.columns.map(\.type.rawValue).joined(separator: " ") == row.3, "\(row.0)")
    }

    @Test func sniffsWindows1252OnlyWhenSure() throws {
        #expect(try CSVSniffer.sniff(bytes: Array("naam\nJos".utf8) + [0xE9, 0x0A]).dialect.encoding == .windows1252)
        // Valid UTF-8 beside a bad byte is not Windows-1252 for sure.
        #expect(throws: CSVEncodingError.self) {
            try CSVSniffer.sniff(bytes: Array("naam\nJosé\nx".utf8) + [0xE9, 0x0A])
        }
        // High bytes that are not next to a letter are not text for sure.
        #expect(throws: CSVEncodingError.self) { try CSVSniffer.sniff(bytes: Array("a,b\nx,".utf8) + [0xFF, 0xFE, 0x0A]) }
        #expect(try CSVSniffer.sniff(bytes: Array("a,b\nCitro".utf8) + [0xEB] + Array("n,5 ".utf8) + [0x80, 0x0A]).dialect.encoding == .windows1252)
    }

    // MARK: Queries over files

    static let queries: [(file: String, query: String, out: String)] = [
        ("a,b\n1,2\n3,4\n", "select a + b as s from '{f}'", "s\n3\n7\n"),
        ("a,b\r\n1,2\r\n3,4", "select * from '{f}'", "a,b\n1,2\n3,4\n"),
        ("\u{FEFF}a,b\n1,2\n", "select a from '{f}'", "a\n1\n"),
        ("n,t\n1,\"x, \"\"y\"\"\nz\"\n", "select t from '{f}'", "t\n\"x, \"\"y\"\"\nz\"\n"),
        ("a,b\n1,\n,2\n", "select count(a), count(b) from '{f}'", "count(a),count(b)\n1,1\n"),
        ("regio;aantal;aandeel\nNoord;42.690;82,5%\nZuid;1.000;7%\n", "select sum(aantal), max(aandeel) from '{f}'",
         "sum(aantal),max(aandeel)\n43690,82.5%\n"),
        ("a;b\n1;2\n", "select b from read_csv('{f}', delim = ';', header = true)", "b\n2\n"),
        ("a,b\n1,2\n", "select column0 from read_csv('{f}', header = false)", "column0\na\n1\n"),
        ("junk line\na,b\n1,2\n", "select b from read_csv('{f}', skip = 1)", "b\n2\n"),
        ("a,b\n1,NA\n", "select count(b) from read_csv('{f}', nullstr = 'NA')", "count(b)\n0\n"),
        ("a,b\n1,2\n", "select a from read_csv('{f}', all_varchar = true) where a = '1'", "a\n1\n"),
        ("d;n\n31-01-2023;1\n1-2-2023;2\n", "select max(d), min(d) from '{f}'", "max(d),min(d)\n2023-02-01,2023-01-31\n"),
        ("a;b\n1,5;2\n", "select a from read_csv('{f}', delim = ';', decimal_separator = ',')", "a\n1.5\n"),
        // As in DuckDB, a column the query does not read is not decoded.
        ("a,b\n" + String(repeating: "1,2\n", count: 30000) + "x,y\n", "select count(*) from '{f}'", "count(*)\n30001\n"),
        ("a,b\n1,x\n2,3\n3,4\n", "select count(*) from read_csv('{f}', types = 'BIGINT, VARCHAR')", "count(*)\n3\n"),
        // Nor is a column of a joined file that neither the select nor the join's condition reads.
        ("a,b\n" + (0..<30000).map { "\($0),\($0)\n" }.joined() + "x,30000\n",
         "select count(*), sum(p.b) from '{f}' p join '{f}' q on p.b = q.b", "count(*),sum(p.b)\n30001,450015000\n"),
        ("x,y\n1,2\n", "select a, b from read_csv('{f}', columns = 'a BIGINT, b BIGINT', header = true)", "a,b\n1,2\n"),
    ]

    @Test(arguments: queries)
    func queriesAFile(_ row: (file: String, query: String, out: String)) {
        let files = TempFiles()
        let path = files.write("t.csv", row.file)
        let result = runOver(path, row.query)
        #expect(result.out == row.out, "\(row.query)\n\(result.err)")
    }

    static let errors: [(file: String, query: String, err: String)] = [
        ("a,b\n1,2\n3\n", "select * from '{f}'", "3:1 error: expected 2 fields, found 1"),
        ("a,b\n1,2\n3,4,5\n", "select * from '{f}'", "3:5 error: expected 2 fields, found 3"),
        ("a,b\n1,\"2\n", "select * from '{f}'", "2:3 error: unterminated quote: this field's quote is never closed"),
        ("a,b\n1,\"2\"x\n", "select * from '{f}'", "2:6 error: expected a delimiter ',' or a line end after the closing quote"),
        ("a\n" + String(repeating: "1\n", count: 30000) + "x\n", "select sum(a) from '{f}'",
         "30002:1 error: expected a whole number in column a, found 'x'"),
        ("a\nJos\u{E9}\n" , "select * from read_csv('{f}', delim = ';', foo = 1)", "error: unknown read_csv option 'foo'"),
    ]

    @Test(arguments: errors)
    func reportsBadRows(_ row: (file: String, query: String, err: String)) {
        let files = TempFiles()
        let path = files.write("t.csv", row.file)
        let result = runOver(path, row.query)
        #expect(result.err.hasSuffix(row.err), "\(row.query): \(result.err)")
        #expect(result.out.isEmpty, "a failing statement prints nothing: \(result.out)")
    }

    @Test func describesAFile() {
        let files = TempFiles()
        let path = files.write("t.csv", "regio;aantal;aandeel\nNoord;42.690;82,5%\n")
        let result = runOver(path, "describe '{f}'")
        #expect(result.out == "name,value,kind\ndelimiter,;,dialect\nquote,\"\"\"\",dialect\nheader,true,dialect\n"
            + "decimal_separator,\",\",dialect\nthousands,.,dialect\nencoding,utf-8,dialect\nregio,text,column\n"
            + "aantal,integer (thousands .),column\naandeel,\"percentage (decimal ,) (thousands .)\",column\n", "\(result.out)")
    }

    @Test func rejectsInvalidUTF8AtItsOffset() {
        let files = TempFiles()
        let path = files.write("t.csv", Array("naam\nJosé\nx".utf8) + [0xE9, 0x0A])
        let result = runOver(path, "select * from '{f}'")
        #expect(result.err == "3:2 error: the file is not valid UTF-8 at byte 12 (0xE9)")
        let latin = runOver(path, "select * from read_csv('{f}', encoding = 'latin-1')")
        #expect(latin.out == "naam\nJosÃ©\nxé\n")
    }

    @Test func skipsBadRowsWithIgnoreErrors() {
        let files = TempFiles()
        let path = files.write("t.csv", "a,b\n1,2\n3\n4,5\n\"6,7\n")
        let result = runOver(path, "select sum(a) from read_csv('{f}', ignore_errors = true)")
        #expect(result.out == "sum(a)\n5\n")
        #expect(result.err.contains("ignore_errors skipped 2 rows"), "\(result.err)")
    }

    /// The records are split on one thread and decoded on another; what ignore_errors leaves out is still counted
    /// in file order, whichever thread finds it, across batches.
    @Test func namesTheFirstSkippedRowInFileOrder() {
        let files = TempFiles()
        let rows = (0..<30000).map { $0 == 5000 ? "1,x\n" : $0 == 20000 ? "2,\"3\"4\n" : "1,2\n" }.joined()
        let path = files.write("t.csv", "a,b\n" + rows)
        let result = runOver(path, "select count(*), sum(b) from read_csv('{f}', ignore_errors = true, types = 'BIGINT, BIGINT')")
        #expect(result.out == "count(*),sum(b)\n29998,59996\n")
        #expect(result.err.contains("ignore_errors skipped 2 rows"), "\(result.err)")
        #expect(result.err.contains("the first: \(path):5002:3: expected a whole number in column b"), "\(result.err)")
    }

    @Test func readsGzip() throws {
        let files = TempFiles()
        let path = files.write("t.csv", "a,b\n1,2\n3,4\n")
        // The stored gzip of that text, made with a fixed header.
        guard system("gzip -kn '\(path)'") == 0 else {
            Issue.record("gzip is needed to make the test file")
            return
        }
        #expect(runOver(path + ".gz", "select sum(b) from '{f}'").out == "sum(b)\n6\n")
    }
}
