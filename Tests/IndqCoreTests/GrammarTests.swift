// Grammar tests keep Grammar/indq.ebnf and the parser in step: every production has an example that parses, and
// every rule the parser's functions name in their headers is a production of the grammar.

import Foundation
import Testing
@testable import IndqCore

struct GrammarTests {
    /// productions reads the grammar: each rule name with the examples that follow it.
    static func productions() throws -> [(name: String, examples: [String])] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Grammar/indq.ebnf"), encoding: .utf8)
        var out: [(name: String, examples: [String])] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("(* example:"), !out.isEmpty {
                let body = line.dropFirst("(* example:".count).dropLast(2).trimmingCharacters(in: .whitespaces)
                out[out.count - 1].examples.append(body)
            } else if let eq = line.range(of: " = "), line.first?.isLetter == true {
                out.append((String(line[..<eq.lowerBound]), []))
            }
        }
        return out
    }

    @Test func everyProductionHasAnExampleThatParses() throws {
        let rules = try Self.productions()
        #expect(rules.count >= 20)
        for rule in rules {
            #expect(!rule.examples.isEmpty, "production \(rule.name) has no example")
            for example in rule.examples {
                #expect(throws: Never.self, "example of \(rule.name): \(example)") {
                    _ = try Parser.parseAll(SourceText(example))
                }
            }
        }
    }

    @Test func parserRulesAreGrammarProductions() throws {
        let parser = try String(contentsOf: repositoryRoot.appendingPathComponent("Sources/IndqCore/Syntax/Parser.swift"), encoding: .utf8)
        let headers = parser.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("/// "), let arrow = t.range(of: " -> ") else { return nil }
            return String(t[t.index(t.startIndex, offsetBy: 4)..<arrow.lowerBound])
        }
        let names = Set(try Self.productions().map(\.name))
        #expect(headers.count >= 15)
        for h in headers { #expect(names.contains(h), "parser rule \(h) is not in Grammar/indq.ebnf") }
    }
}
