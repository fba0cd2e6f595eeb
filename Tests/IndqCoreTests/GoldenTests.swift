// Golden tests: every script in Examples/ and Examples/lessons/ runs under `--check` rules, so each statement's
// output must equal its `-- expect:` block. To accept a deliberate change, run with INDQ_UPDATE_GOLDEN=1, which
// rewrites the blocks, and review the diff.

import Foundation
import Testing
@testable import IndqCore

struct GoldenTests {
    static let scripts: [String] = ["Examples", "Examples/lessons"].flatMap { folder -> [String] in
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted().map { folder + "/" + $0 }
    }

    @Test func thereAreExamples() {
        #expect(Self.scripts.filter { !$0.contains("lessons/") }.count >= 4)
    }

    @Test(arguments: scripts)
    func example(_ path: String) throws {
        let url = repositoryRoot.appendingPathComponent(path)
        let source = SourceText(try String(contentsOf: url, encoding: .utf8), name: url.lastPathComponent)
        var session = Session(format: .table, write: { _ in }, writeError: { _ in })
        if ProcessInfo.processInfo.environment["INDQ_UPDATE_GOLDEN"] == "1" {
            try ScriptCheck.withExpectations(source, session: &session).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let report = ScriptCheck.run(source, session: &session)
        #expect(report.failed == 0, "\(path):\n\(ScriptCheck.describe(report))")
        #expect(report.outcomes.contains { $0.expected != nil }, "\(path) states no expected result")
    }
}
