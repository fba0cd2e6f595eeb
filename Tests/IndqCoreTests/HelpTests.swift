// Tests of `help` on SQL words and of Tab after `help`: each SQL word is explained with an example that runs, gives
// DuckDB's rows, and whose result the help shows; Tab offers topics, SQL words, functions and terms.

import Testing
@testable import IndqCore

struct HelpTests {
    @Test func sqlWordsAreExplainedWithTheirExampleAndItsResult() {
        for word in ["like", "cast", "case", "where", "group by", "order by", "having", "limit", "distinct", "in",
                     "between", "is null", "union", "over", "as", "from", "and"] {
            let text = Help.text(topic: word, catalogue: .builtin)
            guard let entry = Help.sqlWord(word) else {
                Issue.record("no SQL word \(word)")
                continue
            }
            #expect(text.hasPrefix(entry.text), "help \(word): \(text.prefix(100))")
            #expect(text.contains("e.g. " + entry.example + ";"), "help \(word)")
            // The result shown is the example's own table, as indq prints it.
            let table = runOutput(entry.example, width: 120)
            #expect(!table.contains("error"), "\(word): \(table)")
            let shown = table.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            #expect(text.contains(shown), "help \(word) does not show its result:\n\(text)")
        }
        #expect(Help.text(topic: "like", catalogue: .builtin).contains("│ nareis"))
        #expect(!Help.text(topic: "like", catalogue: .builtin).contains("loket"))
        #expect(Help.text(topic: "not  like", catalogue: .builtin).hasPrefix("text LIKE"))
        #expect(Help.text(topic: nil, catalogue: .builtin).contains("help like"))
    }

    @Test func everySQLWordsExampleRunsAndEveryTopicIsFoundOnce() {
        var seen = Set<String>()
        for word in Help.sqlWords {
            let run = runDot(word.example)
            #expect(run.err == "", "\(word.topics[0]): \(run.err)")
            #expect(run.out.split(separator: "\n").count >= 2, "\(word.topics[0]) gives no rows")
            for t in word.topics { #expect(seen.insert(t).inserted, "\(t) twice") }
        }
    }

    @Test func aWordThatIsAlsoATermShowsTheSQLMeaningFirst() {
        let text = Help.text(topic: "case", catalogue: .builtin)
        #expect(text.hasPrefix("CASE WHEN"), "\(text.prefix(80))")
        #expect(text.contains("'case' is also a term of the reports:\nzaak (case)"), "\(text)")
        let year = Help.text(topic: "year", catalogue: .builtin)
        #expect(year.hasPrefix("year(d)") && year.contains("jaar (year)"), "\(year)")
        #expect(!Help.text(topic: "like", catalogue: .builtin).contains("also a term"))
    }

    @Test func sqlWordExamplesAgreeWithDuckDB() {
        guard let oracle = Oracle.ready() else { return }
        // SUMMARIZE's columns are its own; SummarizeTests compares them with DuckDB's.
        let cases = Help.sqlWords.filter { !$0.example.hasPrefix("summarize") }
            .map { OracleCase(label: "help \($0.topics[0])", sql: $0.example, mustFail: false) }
        oracle.check(cases, name: "help on SQL words")
    }

    /// complete returns Tab's candidates after the text, as the shell filters them by the word before the cursor.
    func complete(_ text: String) -> [String] {
        let word = String(text.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" }.reversed()).lowercased()
        return Completion.candidates(before: text, after: "", catalogue: .builtin).filter { $0.lowercased().hasPrefix(word) }
    }

    @Test func tabAfterHelpOffersTermsFunctionsSQLWordsAndTopics() {
        #expect(complete("help dwa") == ["dwangsom"])
        #expect(complete("help refu") == ["refusal", "refugee"])
        #expect(complete("help nareis").contains("nareisaanvragen"))
        #expect(complete("help lik") == ["like"])
        #expect(complete("help cas") == ["case", "cast", "caseload"])
        #expect(complete("help coal") == ["coalesce"])
        #expect(complete("help ter").contains("terms") && complete("help ter").contains("ter apel"))
        #expect(complete("help grou") == ["group by", "group"])
        // A topic of several words goes on from the word before the cursor.
        #expect(complete("help tot en m") == ["met"])
        #expect(complete("help group b") == ["by"])
        #expect(complete("help raad van s") == ["state"])
        #expect(complete("help start-upr") == ["upregeling"])
        #expect(complete("HELP Verblijfsv") == ["verblijfsvergunning"])
        let all = Completion.candidates(before: "help ", after: "", catalogue: .builtin)
        for e in Glossary.builtin.entries { #expect(all.contains(e.term), "\(e.term)") }
        for t in Help.topics + Help.sqlWordTopics { #expect(all.contains(t), "\(t)") }
        #expect(all.contains("studenten") && all.contains("grant rate"))
    }
}
