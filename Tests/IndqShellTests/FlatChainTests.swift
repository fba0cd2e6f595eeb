// Flat chains through the real binary: `1 + 1 + …`, `true or true or …` and the like, 100,000 terms long, are
// not nesting. Each must run to its answer, not be refused as too deeply nested, and never overflow the stack
// while it is parsed, checked, run, printed back or freed.
import Foundation
import Testing

struct FlatChainTests {
    /// Chain is a statement with a chain of `count` terms, and the csv its one value must give.
    struct Chain: Sendable, CustomTestStringConvertible {
        var op: String
        var statement: String
        var answer: String
        var testDescription: String { "100,000-term chain of '\(op)'" }
    }

    static func chain(_ op: String, _ term: String, count: Int = 100_000) -> String {
        Array(repeating: term, count: count).joined(separator: op)
    }

    static let chains: [Chain] = [
        Chain(op: "+", statement: "select " + chain("+", "1") + " as v", answer: "100000"),
        Chain(op: "-", statement: "select " + chain("-", "1") + " as v", answer: "-99998"),
        Chain(op: "*", statement: "select " + chain("*", "1") + " as v", answer: "1"),
        Chain(op: "//", statement: "select " + chain("//", "1") + " as v", answer: "1"),
        Chain(op: "/", statement: "select " + chain("/", "1") + " as v", answer: "1.0"),
        Chain(op: "||", statement: "select length(" + chain("||", "'a'") + ") as v", answer: "100000"),
        Chain(op: "or", statement: "select count(*) as v from studenten where " + chain(" or ", "year=2020", count: 70_000),
              answer: "1"),
        Chain(op: "and", statement: "select count(*) as v from studenten where " + chain(" and ", "year>0", count: 90_000),
              answer: "3"),
        Chain(op: "+ over rows", statement: "select sum(" + chain("+", "year") + ") as v from studenten", answer: "606000000"),
        Chain(op: "or over aggregates", statement: "select min(categorie) as v from regulier group by year having "
              + chain(" or ", "sum(aanvragen)<0", count: 20_000) + " or year = 2021", answer: "arbeidsmigranten"),
    ]

    @Test(arguments: chains)
    func runsWithoutNestingError(_ c: Chain) throws {
        guard let binary = HostileRunner.binary else {
            Issue.record("the indq binary is missing next to the tests")
            return
        }
        let run = try HostileRunner.run(HostileCase(name: c.op, input: Array(c.statement.utf8), mode: .script,
                                                    arguments: ["--format", "csv"]), binary: binary)
        #expect(run.signal == nil, "ended by signal \(run.signal ?? 0)")
        #expect(run.status == 0, "exit \(String(describing: run.status)): \(run.stderr.prefix(300))")
        #expect(!run.stderr.contains("nested"), "\(run.stderr.prefix(300))")
        #expect(String(decoding: run.stdout, as: UTF8.self) == "v\n\(c.answer)\n")
    }

    /// Real nesting is still refused at its limit, with its message.
    @Test func realNestingIsStillLimited() throws {
        guard let binary = HostileRunner.binary else {
            Issue.record("the indq binary is missing next to the tests")
            return
        }
        let deep = "select " + String(repeating: "(1 + ", count: 201) + "1" + String(repeating: ")", count: 201)
        let run = try HostileRunner.run(HostileCase(name: "nested", input: Array(deep.utf8), mode: .script), binary: binary)
        #expect(run.status == 1)
        #expect(run.stderr.contains("too many nested expressions (limit is 200)"))
    }
}
