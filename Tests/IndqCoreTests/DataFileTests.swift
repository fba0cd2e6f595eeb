// Data file tests: the byte-level reader of the data files reads every figure as the Character-level parseFigure
// does, on every cell of the embedded files and on cells at the edges of the figure syntax.

import Testing
@testable import IndqCore

struct DataFileTests {
    /// shown spells a value with everything that tells two values apart, a decimal's width included.
    static func shown(_ v: Value?) -> String {
        switch v {
        case nil: return "nil"
        case .decimal(let d)?: return "decimal \(d.units)/\(d.scale)/\(d.width)"
        case .percentage(let d)?: return "percentage \(d.units)/\(d.scale)/\(d.width)"
        case let v?: return "\(v)"
        }
    }

    static let types: [ValueType] = [.integer, .decimal, .percentage, .number, .text]

    /// sameAsParseFigure checks one cell under every type a column can have.
    static func sameAsParseFigure(_ cell: String) {
        var bytes = Array(cell.utf8)
        for type in types {
            let fast = bytes.withUnsafeMutableBufferPointer { DataFile.parseFigure(bytes: UnsafeBufferPointer($0), as: type) }
            #expect(shown(fast) == shown(DataFile.parseFigure(cell, as: type)), "'\(cell)' as \(type)")
        }
    }

    @Test func everyEmbeddedCellReadsAsParseFigureReadsIt() {
        var cells = 0
        for file in Catalogue.embeddedFiles() where file.name != "glossary.tsv" {
            for (_, line) in DataFile.lines(file.text) where !line.hasPrefix("@") {
                for cell in line.split(separator: "\t", omittingEmptySubsequences: false) {
                    DataFileTests.sameAsParseFigure(String(cell))
                    cells += 1
                }
            }
        }
        #expect(cells > 500)
    }

    @Test(arguments: [
        "", "0", "-0", "007", "5", "-5", "+5", "-", "%", ",", ".", "1.", ".123", "-.5", "1..234",
        "1.234", "12.34", "1.2345", "1.234.567", "-26.287", "12.345.6", "1234.567",
        "578,4", "1.234,5", "-0,5", "0,05", "1,", ",5", "1,2,3", "1,2.3", "1,5%", "82%", "-82%", "99,5%", "%5", "5%%",
        "1.000%", "1e3", "1,5e2", " 5", "5 ", "٣", "1,٣", "½", "5\u{301}", "1.234\u{301}",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "999999999999999999", "9999999999999999999", "99999999999999999999,5", "1,123456789012345678901234567890",
        "123456789012345678,123456789012", "123456789012345678,1234567890123", "0,00000000000000000000000000000000000000001",
        "12345678901234567890123456789012345678901234567890", "1.000.000.000.000.000.000.000",
    ])
    func edgeCellsReadAsParseFigureReadsThem(cell: String) {
        DataFileTests.sameAsParseFigure(cell)
    }

    @Test func anUnknownSourceColumnIsAnError() throws {
        let columns = try DataFile.parseColumns(Catalogue.embeddedFiles().first { $0.name == "columns.tsv" }!.text,
                                                file: "columns.tsv")
        let text = "@dataset\tt\n@english\tt\n@description\td\n@report\tr\n@section\ts\n@table\tt\nyear\tsource.page\n2021\t3\n"
        do {
            _ = try DataFile.parseDataset(text, file: "t.tsv", columns: columns)
            Issue.record("no error")
        } catch let error as DataFileError {
            #expect(error.description == "t.tsv:7: source.page is not a source column")
        }
    }

    @Test func aCommentOrPropertyMarkWithACombiningMarkIsNotOne() throws {
        // `#` or `@` followed by a combining mark is another Character, as the report's text would read it.
        let columns = try DataFile.parseColumns(Catalogue.embeddedFiles().first { $0.name == "columns.tsv" }!.text,
                                                file: "columns.tsv")
        let props = "@dataset\tt\n@english\tt\n@description\td\n@report\tr\n@section\ts\n@table\tt\n"
        let commented = try DataFile.parseDataset(props + "# a comment\nyear\tpost\n2021\tx\n", file: "t.tsv", columns: columns)
        #expect(commented.dataset.rows == [[.integer(2021), .text("x")]])
        #expect(throws: DataFileError.self) {
            try DataFile.parseDataset(props + "#\u{301} not a comment\nyear\tpost\n2021\tx\n", file: "t.tsv", columns: columns)
        }
        let marked = try DataFile.parseDataset(props + "year\tpost\n2021\t@\u{301}\n", file: "t.tsv", columns: columns)
        #expect(marked.dataset.rows == [[.integer(2021), .text("@\u{301}")]])
        #expect(throws: DataFileError.self) {
            try DataFile.parseDataset(props + "year\tpost\n@\u{301}\tx\n", file: "t.tsv", columns: columns)
        }
    }

    @Test func aColumnIsReadFromItsOwnLinesAsParseColumnsReadsIt() throws {
        var text = "name\ttype\tenglish\tnl\ten\nyear\tinteger\tyear\tjaar\tyear\nyears\ttext\tx\ty\tz\n"
            + "post\ttext\tentry\tpost\titem\npost\tinteger\tentry2\tpost2\titem2\nbad\tnope\ta\tb\tc\n"
        let found = try text.withUTF8 { bytes in
            try ["year", "post", "yea", "missing"].map { try DataFile.column(named: $0, in: bytes, file: "c.tsv") }
        }
        #expect(found.map { $0?.english } == ["year", "entry2", nil, nil])
        #expect(found[1]?.type == .integer && found[1]?.meaningEN == "item2")
        #expect(throws: DataFileError.self) {
            try text.withUTF8 { try DataFile.column(named: "bad", in: $0, file: "c.tsv") }
        }
    }
}
