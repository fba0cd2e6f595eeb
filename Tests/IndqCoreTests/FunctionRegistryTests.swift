// The function registry: every entry's example runs through indq and must give the result the entry states, and
// where DuckDB has the function, DuckDB must give the same rows (skipped when duckdb is not installed). Help and
// completion read the registry.

import Foundation
import Testing
@testable import IndqCore

struct FunctionRegistryTests {
    @Test(arguments: FunctionRegistry.entries.map(\.name))
    func exampleGivesItsStatedResult(_ name: String) throws {
        let entry = try #require(FunctionRegistry.lookup(name))
        switch runIndq(entry.example.sql) {
        case .failure(let message):
            Issue.record("example of \(name) fails: \(message)\n  query: \(entry.example.sql)")
        case .rows(let rows):
            #expect(stated(rows) == entry.example.result, "example of \(name): \(entry.example.sql)")
        }
    }

    /// Where DuckDB has the function, it gives the example's rows too; runIndq gave the stated result above, so the
    /// three agree. In CI a missing duckdb is a failure (Oracle.ready records it), elsewhere this test is skipped.
    @Test(.enabled(if: findExecutable("duckdb") != nil || ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } == true,
                   "duckdb is not on PATH"))
    func examplesAgreeWithDuckDB() throws {
        guard let oracle = Oracle.ready() else { return }
        let (shared, own) = (FunctionRegistry.entries.filter(\.example.duckDB), FunctionRegistry.entries.filter { !$0.example.duckDB })
        #expect(!shared.isEmpty)
        let cases = shared.map { OracleCase(label: "example of \($0.name)", sql: $0.example.sql, mustFail: false) }
        if !own.isEmpty { print("function examples: DuckDB has no \(own.map(\.name).joined(separator: ", ")); not compared") }
        oracle.check(cases, name: "function examples")
    }

    /// The stated form is what a test can compare and help can show: rows by "; ", values by " | ", NULL for null.
    @Test func statedFormSeparatesRowsAndValues() {
        #expect(stated([[.integer(2019), .null], [.integer(2020), .text("a")]]) == "2019 | NULL; 2020 | a")
        #expect(stated([]) == "")
    }

    @Test func namesAndAliasesAreUniqueAndFoundInAnyCase() {
        var seen = Set<String>()
        for e in FunctionRegistry.entries {
            for n in [e.name] + e.aliases {
                #expect(seen.insert(n).inserted, "\(n) is in the registry twice")
                #expect(n == n.lowercased())
                #expect(FunctionRegistry.lookup(n.uppercased()) === e)
            }
        }
        #expect(FunctionRegistry.lookup("substring")?.name == "substr")
        #expect(FunctionRegistry.lookup("no_such_function") == nil)
    }

    @Test func everyEntryHasHelpAndATypingRule() throws {
        let all = Help.text(topic: "functions", catalogue: .builtin)
        for e in FunctionRegistry.entries {
            #expect(!e.summary.isEmpty && !e.example.result.isEmpty, "\(e.name)")
            #expect(all.contains(e.signature) && all.contains(e.example.sql) && all.contains("→ " + e.example.result), "\(e.name) in help functions")
            let one = Help.text(topic: e.name, catalogue: .builtin)
            #expect(one.hasPrefix(e.signature + "\n") && one.contains("→ " + e.example.result), "help \(e.name): \(one)")
            switch (e.kind, e.implementation) {
            case (.scalar, .scalar), (.scalar, .conditional), (.aggregate, .aggregate), (.window, .window): break
            default: Issue.record("\(e.name): its implementation does not fit its kind")
            }
        }
    }

    @Test func completionOffersEveryFunction() {
        let names = Completion.candidates(before: "select ", after: "", catalogue: .builtin)
        let afterHelp = Completion.candidates(before: "help ", after: "", catalogue: .builtin)
        for e in FunctionRegistry.entries {
            for n in [e.name] + e.aliases { #expect(names.contains(n) && afterHelp.contains(n), "\(n)") }
        }
    }

    /// A typing rule refuses wrong arguments with the place and what was expected.
    @Test func typingRulesNameThePlaceAndWhatWasExpected() {
        let rows: [(String, String)] = [
            ("select sqrt('x')", "1:13 error: sqrt takes numbers, found text"),
            ("select substr('abc', 'b')", "1:22 error: substr's argument 2 must be a whole number, found text"),
            ("select lag(year, -1) over (order by year) from studenten", "1:18 error: lag's offset must be a whole number of 0 or more, e.g. lag(x, 1)"),
            ("select sum(categorie) from regulier", "1:12 error: sum takes numbers, found text"),
            ("select coalesce(1, 'a')", "1:20 error: coalesce arguments must have one type, found integer and text"),
            ("select string_agg(year, year) from studenten", "1:25 error: string_agg's separator must be a text constant, e.g. string_agg(x, ', ')"),
        ]
        for (sql, want) in rows {
            guard case .failure(let got) = runIndq(sql) else { Issue.record("\(sql) runs"); continue }
            #expect(got == want, "\(sql)")
        }
    }

    /// An aggregate over a running frame is fed row by row: its accumulator adds each row once.
    @Test func accumulatorsAddOneValueAtATimeAndFinishWithoutConsuming() throws {
        let sum = try #require(FunctionRegistry.lookup("sum"))
        var a = try #require(sum.makeAccumulator(AggregateSetup(type: .integer, range: SourceRange(0, 0))))
        try a.add(.integer(2))
        #expect(try a.finish() == .integer(2))
        try a.add(.null)
        try a.add(.integer(3))
        #expect(try a.finish() == .integer(5))
        var overflow = try #require(sum.makeAccumulator(AggregateSetup(type: .integer, range: SourceRange(0, 0))))
        try overflow.add(.integer(.max))
        try overflow.add(.integer(1))
        #expect(throws: Diagnostic.self) { try overflow.finish() }

        let count = try #require(FunctionRegistry.lookup("count"))
        var distinct = try #require(count.makeAccumulator(AggregateSetup(type: .integer, range: SourceRange(0, 0), distinct: true)))
        try distinct.add(contentsOf: [.integer(1), .integer(1), .null, .decimal(DecimalValue(2))])
        #expect(try distinct.finish() == .integer(2))
        var star = try #require(count.makeAccumulator(AggregateSetup(type: .integer, range: SourceRange(0, 0), star: true)))
        try star.add(contentsOf: [.null, .null])
        #expect(try star.finish() == .integer(2))
    }

    @Test func peersEndWhereTheKeysChange() {
        let keys = [1, 2, 2, 3, 3, 3]
        #expect(peerEnds(count: keys.count) { keys[$0] != keys[$0 + 1] } == [0, 2, 2, 5, 5, 5])
        #expect(peerEnds(count: 3) { _ in false } == [2, 2, 2])
        #expect(peerEnds(count: 0) { _ in true } == [])
    }

    @Test func aRunningFrameAddsEachRowOnce() throws {
        let sum = try #require(FunctionRegistry.lookup("sum"))
        var reads = 0
        // Four rows, the middle two peers: frames end at 0, 2, 2, 3.
        let values = try sum.window(count: 4, peerEnd: [0, 2, 2, 3], arguments: 1,
                                    setup: AggregateSetup(type: .integer, range: SourceRange(0, 0))) { _, p in
            reads += 1
            return .integer(Int64(p + 1))
        }
        #expect(values.map(\.value) == [.integer(1), .integer(6), .integer(6), .integer(10)])
        #expect(values.map(\.source) == [.frame(through: 0), .frame(through: 2), .frame(through: 2), .frame(through: 3)])
        #expect(reads == 4)
    }
}

/// stated writes rows as an example's result states them.
func stated(_ rows: [[Value]]) -> String {
    rows.map { $0.map { $0.display ?? "NULL" }.joined(separator: " | ") }.joined(separator: "; ")
}
