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
        #expect(embedded.map(\.name).filter { $0 != "glossary.tsv" }.sorted() == names, "data.c must embed every file in datasets/")
        for file in embedded {
            let path = file.name == "glossary.tsv" ? folder.deletingLastPathComponent().appendingPathComponent(file.name)
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
            ("personeel", ["year", "post", "fte"]),
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
