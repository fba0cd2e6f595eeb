// Golden tests: every Examples/*.sql runs as a script, and its output (stdout and stderr, in order) must equal
// Examples/*.out. To accept a deliberate change, run with INDQ_UPDATE_GOLDEN=1 and review the diff.

import Foundation
import Testing
@testable import IndqCore

struct GoldenTests {
    static let examples: [String] = {
        let folder = repositoryRoot.appendingPathComponent("Examples")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted()
    }()

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 3)
    }

    @Test(arguments: examples)
    func example(_ name: String) throws {
        let folder = repositoryRoot.appendingPathComponent("Examples")
        let script = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        var output = ""
        var session = Session(format: .table, write: { output += $0 }, writeError: { output += $0 })
        session.run(SourceText(script, name: "Examples/" + name))
        let expectedURL = folder.appendingPathComponent(String(name.dropLast(4)) + ".out")
        if ProcessInfo.processInfo.environment["INDQ_UPDATE_GOLDEN"] == "1" {
            try output.write(to: expectedURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(output == expected, "Examples/\(name): output differs from \(expectedURL.lastPathComponent)")
    }
}
