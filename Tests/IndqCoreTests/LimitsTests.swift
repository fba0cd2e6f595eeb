// Limits tests: LIKE and ILIKE agree with a plain backtracking matcher and are linear, a cancelled LIKE stops, and a
// statement over `memory_limit`, or a function about to build text too long for it, fails naming the limit.

import Testing
@testable import IndqCore

/// referenceLike is the textbook recursive matcher: slow, but plainly right.
func referenceLike(_ text: ArraySlice<Character>, _ pattern: ArraySlice<Character>) -> Bool {
    guard let p = pattern.first else { return text.isEmpty }
    if p == "%" {
        var t = text
        while true {
            if referenceLike(t, pattern.dropFirst()) { return true }
            if t.isEmpty { return false }
            t = t.dropFirst()
        }
    }
    guard let c = text.first, p == "_" || p == c else { return false }
    return referenceLike(text.dropFirst(), pattern.dropFirst())
}

struct LimitsTests {
    /// A small generator, so that a failure can be reproduced.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
    }

    @Test func likeAgreesWithABacktrackingMatcher() throws {
        var g = Generator(state: 10)
        for _ in 0..<20000 {
            let text = String((0..<Int.random(in: 0...8, using: &g)).map { _ in "ab".randomElement(using: &g)! })
            let pattern = String((0..<Int.random(in: 0...6, using: &g)).map { _ in "ab%_".randomElement(using: &g)! })
            let expected = referenceLike(Array(text)[...], Array(pattern)[...])
            #expect(try SQL.like(text, pattern) == expected, "'\(text)' like '\(pattern)'")
        }
    }

    @Test func likeOnLongTextIsLinear() throws {
        let text = String(repeating: "a", count: 200_000)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try !SQL.like(text, "%" + String(repeating: "a", count: 100_000) + "b"))
        #expect(try !SQL.like(text, "%" + String(repeating: "a", count: 100_000) + "b%"))
        #expect(try SQL.like(text, "%" + String(repeating: "a", count: 100_000) + "%a"))
        #expect(try SQL.like(text + "b", "%a%" + String(repeating: "a", count: 100_000) + "b"))
        // Generous, for an unoptimised build on a busy machine; the quadratic matcher took minutes.
        #expect(clock.now - started < .seconds(5))
    }

    @Test func aCancelledLikeStops() {
        let text = String(repeating: "a", count: 200_000)
        #expect(throws: Interrupted.self) {
            try Cancellation.run({ true }) { try SQL.like(text, "%" + String(repeating: "a", count: 1000) + "_b%") }
        }
    }

    @Test func aStatementOverTheLimitFailsNamingTheLimit() {
        let big = Array(repeating: "select * from kerncijfers", count: 20).joined(separator: " union all ")
        #expect(runCSV("set memory_limit = '100KB'; " + big).contains("memory limit of 100.0 KB"))
        #expect(runCSV("set memory_limit to '100KB'; source " + big).contains("memory limit of 100.0 KB"))
        // Under the limit, or with a larger one, the statement runs.
        #expect(runCSV("set memory_limit = '100KB'; select count(*) from kerncijfers") == "count(*)\n37\n")
        #expect(runCSV("set memory_limit = '100MB'; " + big).hasPrefix("year,onderwerp"))
    }

    /// Functions that build long text ask the limit before they build it.
    @Test("long text is refused before it is built", arguments: [
        "select " + Array(repeating: "'" + String(repeating: "x", count: 50_000) + "'", count: 10).joined(separator: " || "),
        "select concat(" + Array(repeating: "'" + String(repeating: "x", count: 50_000) + "'", count: 10).joined(separator: ", ") + ")",
        "select lpad('x', 1000000, 'ab')",
        "select replace('" + String(repeating: "a", count: 100_000) + "', 'a', '" + String(repeating: "b", count: 100) + "')",
        "select string_agg(onderwerp, '" + String(repeating: "-", count: 20_000) + "') from kerncijfers",
    ])
    func longTextIsRefused(_ statement: String) {
        #expect(runCSV("set memory_limit = '500KB'; " + statement).contains("memory limit of 500.0 KB"))
        #expect(!runCSV("set memory_limit = '100MB'; " + statement).contains("error"))
    }

    @Test func helpOnAHugeTopicIsQuick() {
        let clock = ContinuousClock()
        let started = clock.now
        let text = Help.text(topic: String(repeating: "x", count: 999_000), catalogue: .builtin)
        #expect(text.hasPrefix("No help on 'xxx"))
        #expect(clock.now - started < .seconds(3))
    }
}
