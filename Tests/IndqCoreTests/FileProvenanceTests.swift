// Provenance of a file's rows: `bron` is `file.csv:line`, the line where the row's record starts, and `source select`
// names that line and shows its text, through filters, aggregates and joins with the report's datasets.

import Testing
@testable import IndqCore

struct FileProvenanceTests {
    /// A header, a record whose quoted field spans two lines, a CRLF line and a plain one: records start on lines
    /// 2, 4 and 5.
    static let text = "\u{FEFF}naam,tekst,aantal\r\nappel,\"twee\nregels\",12\r\npeer,kort,30\r\nkers,,7\n"

    @Test func bronIsTheFileAndTheLineWhereTheRecordStarts() {
        let files = TempFiles()
        let path = files.write("fruit.csv", Self.text)
        let (out, err) = runOver(path, "select naam, bron from '{f}' order by bron")
        #expect(err == "")
        #expect(out == "naam,bron\nappel,\(path):2\npeer,\(path):4\nkers,\(path):5\n")
        let (english, _) = runOver(path, "select source_ref from '{f}' where aantal > 20")
        #expect(english == "source_ref\n\(path):4\n")
    }

    @Test func bronWorksInWhereAndInAJoin() {
        let files = TempFiles()
        let path = files.write("fruit.csv", Self.text)
        let (out, err) = runOver(path, "select naam from '{f}' where bron = '{f}:5'")
        #expect(err == "")
        #expect(out == "naam\nkers\n")
        let (joined, joinErr) = runOver(path, "select a.naam, b.bron from '{f}' a join '{f}' b on b.aantal = a.aantal * 2 + 6")
        #expect(joinErr == "")
        #expect(joined == "naam,bron\nappel,\(path):4\n")
    }

    @Test func sourceSelectShowsEachLineOfTheFile() {
        let files = TempFiles()
        let path = files.write("fruit.csv", Self.text)
        let (out, err) = runOver(path, "source select naam, aantal from '{f}' where aantal < 20")
        #expect(err == "")
        let rows = out.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows == [
            "1,naam,appel,naam,appel,\(path):2,2,\"appel,\"\"twee\",,",
            "1,aantal,12,aantal,12,\(path):2,2,\"appel,\"\"twee\",,",
            "2,naam,kers,naam,kers,\(path):5,5,\"kers,,7\",,",
            "2,aantal,7,aantal,7,\(path):5,5,\"kers,,7\",,",
        ])
    }

    @Test func sourceOfAnAggregateListsEveryLineItAdds() {
        let files = TempFiles()
        let path = files.write("fruit.csv", Self.text)
        let (out, err) = runOver(path, "source select sum(aantal) from '{f}'")
        #expect(err == "")
        let lines = out.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[6] }
        #expect(lines == ["2", "4", "5"])
    }

    @Test func sourceThroughAJoinNamesTheFileLineAndTheReportLine() throws {
        let files = TempFiles()
        // A made-up count beside the report's categories; the join reads the report's own figure next to it.
        let path = files.write("eigen.csv", "categorie,eigen\nfamilie_en_gezin,12345\n")
        let (out, err) = runOver(path, """
            source select f.eigen, r.aanvragen from '{f}' f join regulier r on r.categorie = f.categorie and r.year = 2021
            """)
        #expect(err == "")
        let rows = out.split(separator: "\n").dropFirst()
        let file = try #require(rows.first { $0.contains("\(path):2") })
        #expect(file.hasPrefix("1,eigen,12345,eigen,12345,\(path):2,2,\"familie_en_gezin,12345\""))
        let report = try #require(rows.first { $0.hasPrefix("1,aanvragen,") })
        #expect(report.contains("Jaarverslag 2021"))
    }

    @Test func skippedRowsKeepTheLinesOfTheOthers() {
        let files = TempFiles()
        let path = files.write("kapot.csv", "a,b\n1,2\n3\n4,5\n")
        let (out, _) = runOver(path, "select a, bron from read_csv('{f}', ignore_errors = true)")
        #expect(out == "a,bron\n1,\(path):2\n4,\(path):4\n")
    }

    @Test func valuesThroughACTESayThatTheyHaveNoSourcesToList() {
        let files = TempFiles()
        let path = files.write("fruit.csv", Self.text)
        let (out, err) = runOver(path, "source with t as (select * from '{f}') select naam from t")
        #expect(out == Info.sourceColumns.map(\.name).joined(separator: ",") + "\n")
        #expect(err.contains("note: these values have no sources to list"))
        let (_, direct) = runOver(path, "source select naam from '{f}'")
        #expect(!direct.contains("no sources"))
    }

    @Test func onlyAQueryThatAsksCarriesTheLines() throws {
        let files = TempFiles()
        let path = files.write("fruit.csv", Self.text)
        func plan(_ sql: String) throws -> QueryPlan {
            let source = SourceText(sql)
            guard case .query(let q) = try Parser.parseAll(source).first else { throw ParseFailure() }
            var binder = Binder(catalogue: .builtin, source: source)
            return try binder.check(q)
        }
        #expect(try !plan("select naam, sum(aantal) from '\(path)' group by naam").readsSourceRef)
        #expect(try plan("select naam from '\(path)' order by bron").readsSourceRef)
    }

    struct ParseFailure: Error {}
}
