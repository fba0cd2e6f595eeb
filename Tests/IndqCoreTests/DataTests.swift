// Data tests: the figures compiled into the binary are the reviewed data files, and every figure in those files
// stands in the report text (Tests/check_figures.py does the line-by-line check against the seeds).

import Foundation
import Testing
@testable import IndqCore

/// repositoryRoot is the checkout this test file belongs to.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

struct DataTests {
    @Test func embeddedDataIsTheDataFiles() throws {
        let folder = repositoryRoot.appendingPathComponent("Sources/IndqData/datasets")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tsv") }.sorted()
        let embedded = Catalogue.embeddedFiles()
        #expect(embedded.map(\.name).filter { $0 != "glossary.tsv" && !$0.hasPrefix("lessons/") }.sorted() == names,
                "data.c must embed every file in datasets/")
        for file in embedded {
            let path = file.name == "glossary.tsv" ? folder.deletingLastPathComponent().appendingPathComponent(file.name)
                : file.name.hasPrefix("lessons/") ? repositoryRoot.appendingPathComponent("Examples/" + file.name)
                : folder.appendingPathComponent(file.name)
            let onDisk = try String(contentsOf: path, encoding: .utf8)
            #expect(file.text == onDisk, "\(file.name) differs from the embedded copy")
        }
    }

    @Test func datasetsHaveTheContractedShape() {
        let expected: [(String, [String])] = [
            ("familie_en_gezin", ["year", "aanvragen", "beslissingen", "inwilligingen"]),
            ("kennis_en_talent", ["year", "aanvragen", "beslissingen", "inwilligingen"]),
            ("start_ups", ["year", "aanvragen", "beslissingen", "inwilligingen"]),
            ("studenten", ["year", "aanvragen", "beslissingen", "inwilligingen"]),
            ("arbeidsmigranten", ["year", "aanvragen", "beslissingen", "inwilligingen"]),
            ("brexit", ["year", "aanvragen", "beslissingen", "inwilligingen"]),
            ("regulier", ["categorie", "year", "aanvragen", "beslissingen", "inwilligingen"]),
            ("juridische_zaken", ["year", "ontvangen", "afgehandeld", "instandhoudingen_asiel", "instandhoudingen_regulier"]),
            ("nationaliteiten", ["year", "categorie", "rang", "nationaliteit"]),
            ("kerncijfers", ["year", "onderwerp", "waarde", "eenheid", "kwalificatie"]),
            ("financien", ["year", "post", "bedrag"]),
            ("personeel", ["year", "post", "fte", "groei_fte"]),
        ]
        let catalogue = Catalogue.builtin
        #expect(catalogue.datasets.map(\.name) == expected.map(\.0))
        for (name, columns) in expected {
            let d = catalogue.dataset(named: name)
            #expect(d?.columns.map(\.name) == columns, "\(name)")
            #expect(d?.rows.isEmpty == false, "\(name) has no rows")
        }
        for name in ["familie_en_gezin", "kennis_en_talent", "start_ups", "studenten", "arbeidsmigranten"] {
            #expect(catalogue.dataset(named: name)?.rows.map { $0[0] } == [.integer(2019), .integer(2020), .integer(2021)])
        }
        #expect(catalogue.dataset(named: "brexit")?.rows.map { $0[0] } == [.integer(2020), .integer(2021)])
        #expect(catalogue.dataset(named: "regulier")?.rows.count == 15)
        let percentages = catalogue.datasets.flatMap { d in d.columns.filter { $0.type == .percentage }.map(\.name) }
        #expect(Set(percentages) == ["inwilligingen", "instandhoudingen_asiel", "instandhoudingen_regulier"])
        // Every qualifier is one the reports use.
        let kern = catalogue.dataset(named: "kerncijfers")!
        for row in kern.rows {
            #expect([.null, .text("bijna"), .text("ruim"), .text("circa")].contains(row[4]))
        }
        #expect(kern.rowSources.count == kern.rows.count && kern.rowSources.allSatisfy { $0.sentence != nil && $0.line != nil })
    }

    @Test func theLazyCatalogueParsesAsTheEagerOne() throws {
        // The built-in catalogue parses each file on first use; parsing all at once must give the same datasets.
        let eager = try Catalogue(files: Catalogue.embeddedFiles())
        let lazy = Catalogue(lazy: Catalogue.builtinFiles())
        #expect(lazy.allNames == eager.allNames)
        // Looked up in reverse order, so that a union dataset is parsed before its members.
        for name in eager.datasets.map(\.name).reversed() {
            let e = try #require(eager.dataset(named: name))
            let l = try #require(lazy.dataset(named: name))
            #expect(l.english == e.english && l.description == e.description && l.notes == e.notes, "\(name)")
            #expect(l.columns.map(\.name) == e.columns.map(\.name) && l.columns.map(\.meaningEN) == e.columns.map(\.meaningEN))
            #expect(l.rows == e.rows, "\(name)")
            #expect(l.rowSources.map(\.line) == e.rowSources.map(\.line) && l.rowSources.map(\.text) == e.rowSources.map(\.text))
            #expect(l.printed.mapValues(\.line) == e.printed.mapValues(\.line) && l.cumulative == e.cumulative)
        }
        #expect(lazy.datasets.map(\.name) == eager.datasets.map(\.name))
        // A look-up parses only its dataset, and a union dataset its members too.
        let fresh = Catalogue(lazy: Catalogue.builtinFiles())
        #expect(fresh.allNames.contains("students") && fresh.store.parsedCount == 0)
        _ = fresh.dataset(named: "studenten")
        #expect(fresh.store.parsedCount == 1)
        _ = fresh.dataset(named: "regulier")
        #expect(fresh.store.parsedCount == 6)
        #expect(lazy.dataset(named: "STUDENTS")?.name == "studenten" && lazy.dataset(named: "nope") == nil)
    }

    @Test func oneFactIsOneRowWithBothCitations() {
        // The report prints the 56.000 naturalisation requests of 2021 twice; a sum must count them once.
        #expect(runCSV("select count(*), sum(waarde) from kerncijfers where year = 2021 and waarde = 56000")
                == "count(*),sum(waarde)\n1,56000\n")
        let kern = Catalogue.builtin.dataset(named: "kerncijfers")!
        let row = kern.rows.firstIndex { $0[2] == .integer(56000) }!
        let column = kern.columnIndex(named: "waarde")!
        #expect(kern.sourceLines(row: row, column: column).map(\.line) == [21, 215])
        #expect(kern.sourceRef(row: row) == "Jaarverslag 2021, Voorwoord")
        let listing = runOutput("source select waarde from kerncijfers where waarde = 56000")
        #expect(listing.contains("from Jaarverslag 2021, Voorwoord, line 21\n"), "\(listing)")
        #expect(listing.contains("from Jaarverslag 2021, Naturalisatie: in control tijdens piekjaar met RANOV, line 215\n"),
                "\(listing)")
        let source = runOutput("source kerncijfers", format: .csv)
        #expect(source.contains(",21,Zo hebben we") && source.contains(",215,De IND handelde vorig jaar 56.000"), "\(source)")
    }

    @Test func figuresInWordsAreRowsThatKeepTheirWords() {
        let csv = runCSV("select year, waarde, eenheid from kerncijfers where eenheid in ('jaar', 'meter', 'derde') order by year, eenheid")
        #expect(csv == "year,waarde,eenheid\n2021,5,jaar\n2021,1.5,meter\n2022,1,derde\n2022,1,jaar\n", "\(csv)")
        let listing = runOutput("source select waarde from kerncijfers where eenheid in ('jaar', 'derde')")
        #expect(listing.contains("waarde 5 (\"vijf\") from Jaarverslag 2021"), "\(listing)")
        #expect(listing.contains("waarde 1 (\"een derde\") from Jaarverslag 2022"), "\(listing)")
        #expect(listing.contains("waarde 1 (\"een\") from Jaarverslag 2022, 14/10 Verlenging Europese RTB, line 252"), "\(listing)")
        // A figure printed in digits has no words.
        let digits = runOutput("source select waarde from kerncijfers where onderwerp = 'ind-vacatures'", format: .csv)
        #expect(digits.hasPrefix("row,column,value,from,figure,source,line,printed,kwalificatie,words\n"), "\(digits)")
        #expect(digits.hasSuffix(",,\n"), "\(digits)")
    }

    @Test func aGrowthIsKeptApartFromTheLevels() {
        #expect(runCSV("select sum(fte), sum(groei_fte) from personeel") == "sum(fte),sum(groei_fte)\n5393,426\n")
    }

    @Test func describeBrexitSaysItIsCumulative() {
        let out = runOutput("describe brexit", format: .csv)
        for column in ["year", "aanvragen", "beslissingen", "inwilligingen"] {
            let line = out.split(separator: "\n").first { $0.hasPrefix(column + ",") } ?? ""
            #expect(line.contains("tot en met") && line.contains("up to and including"), "\(line)")
        }
        // The shared meaning stays for the other datasets.
        #expect(!runOutput("describe studenten", format: .csv).contains("cumulati"))
    }

    @Test(arguments: [
        ("+\t\t1\n", "t.tsv:8: a '+' line adds a citation to the row above, which needs source columns"),
        ("2021\tx\t1\n+\tx\t2\n", "t.tsv:9: a '+' line gives only source columns; post must be empty"),
        ("2021\tx\t1\n+\t\tzes\n", "t.tsv:9: source.line 'zes' is not a line number"),
        ("@meaning\tbedrag\tx\ty\n2021\tx\t1\n", "t.tsv:8: @meaning for bedrag, which is not a column of this dataset"),
        ("@meaning\tpost\tx\n", "t.tsv:8: expected @meaning, a column, its meaning in Dutch and in English"),
    ])
    func malformedCitationsAndMeaningsAreErrors(rows: String, message: String) throws {
        let columns = try DataFile.parseColumns(Catalogue.embeddedFiles().first { $0.name == "columns.tsv" }!.text,
                                                file: "columns.tsv")
        let text = "@dataset\tt\n@english\tt\n@description\td\n@report\tr\nyear\tpost\tsource.line\n" + rows
        let header = "@section\ts\n@table\tt\n"
        #expect(throws: DataFileError.self) { try DataFile.parseDataset(header + text, file: "t.tsv", columns: columns) }
        do {
            _ = try DataFile.parseDataset(header + text, file: "t.tsv", columns: columns)
        } catch let error as DataFileError {
            #expect(error.description == message)
        }
    }

    @Test func everyFigureStandsInTheReport() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repositoryRoot.appendingPathComponent("Tests/check_figures.py").path]
        process.currentDirectoryURL = repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "check_figures.py failed:\n\(output)")
        #expect(output.contains(" passed, 0 failed"))
    }

    @Test func seedCopiesMatchTheSharedReports() throws {
        let shared = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seeds")
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        for name in ["ind-jaarverslag-2021.txt", "ind-jaarverslag-2022.txt"] {
            let copy = try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/IndqCoreTests/Seeds/\(name)"))
            let original = try Data(contentsOf: shared.appendingPathComponent(name))
            #expect(copy == original, "\(name) differs from the shared report text")
        }
    }
}
