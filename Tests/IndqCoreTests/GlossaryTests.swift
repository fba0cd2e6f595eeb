// Tests of the glossary: every noun of the reports that the datasets' meanings use has an entry, lookup finds the
// forms the reports write, and `help terms` lists every term under its subject.

import Foundation
import Testing
@testable import IndqCore

/// GlossaryNouns derives the words the noun test checks, from the data, by a rule that can be reviewed:
/// a word of the datasets' meanings (each dataset's description and notes, each column's Dutch meaning, and the
/// onderwerp of every kerncijfers row, which says what the figure counts) of at least four letters, which the report
/// text uses too, and which is not in one of the lists below of words that are no nouns or need no entry.
enum GlossaryNouns {
    /// Function words: articles, pronouns, prepositions, conjunctions and adverbs.
    static let functionWords: Set<String> = [
        "alle", "alleen", "andere", "anders", "binnen", "buiten", "direct", "door", "extra", "geen", "iemand", "inclusief",
        "langer", "meer", "naar", "niet", "onder", "opzichte", "samen", "tussen", "vaak", "vanaf", "voorheen", "waarin",
        "waarop", "waarvan", "weer", "wekelijks", "zich", "zoals", "zodat", "zonder"]
    /// Verbs, in the forms the meanings use.
    static let verbs: Set<String> = [
        "afgerond", "begint", "behandelen", "beslist", "bleef", "gaat", "geeft", "geplakt", "halen", "konden", "kregen",
        "meldden", "overgedragen", "staan", "staat", "vallen", "vormen", "werd", "willen", "worden", "wordt", "zegt", "zien",
        "zijn"]
    /// Adjectives and participles; where one is part of a term (materiële kosten), the term has the entry.
    static let adjectives: Set<String> = [
        "afgehandelde", "alleenstaande", "betaalde", "britse", "gemiddeld", "innovatieve", "internationaal", "korte",
        "legaal", "maatschappelijke", "maximale", "mogelijke", "oekraïense", "startende", "verminderde", "wettelijke"]
    /// Numerals, which kerncijfers keeps as figures.
    static let numerals: Set<String> = ["drie", "duizenden", "helft", "twee", "vier", "vijf"]
    /// Names of countries, regions and peoples.
    static let names: Set<String> = ["afghanen", "britten", "nederland", "zuid-limburg"]
    /// Nouns of everyday Dutch that the reports use in their everyday sense, which a reader needs no entry for.
    static let everydayNouns: Set<String> = [
        "afstand", "autoreizen", "burgers", "capaciteit", "deel", "doel", "eind", "einde", "gevolg", "inzet", "lijst",
        "medewerkers", "mensen", "niveau", "omschrijving", "ondernemers", "partner", "plaats", "samenvoeging", "studie",
        "vermindering", "werk"]

    static var notTerms: Set<String> { functionWords.union(verbs).union(adjectives).union(numerals).union(names).union(everydayNouns) }

    /// words splits a text into its lower-case words, keeping digits, underscores and hyphens inside a word
    /// (co2-uitstoot, start_ups, ind-loketten).
    static func words(_ text: String) -> [String] {
        var result: [String] = [], word = ""
        for c in text.lowercased() + " " {
            if c.isLetter || c.isNumber || c == "_" || (c == "-" && !word.isEmpty) {
                word.append(c)
            } else {
                let trimmed = word.hasSuffix("-") ? String(word.dropLast()) : word
                if !trimmed.isEmpty { result.append(trimmed) }
                word = ""
            }
        }
        return result
    }

    /// meanings is the text of the datasets' meanings.
    static func meanings(_ catalogue: Catalogue) -> [String] {
        var texts: [String] = []
        for d in catalogue.datasets {
            texts.append(d.description)
            texts += d.notes
            texts += d.columns.map(\.meaningNL)
            if d.name == "kerncijfers", let i = d.columns.firstIndex(where: { $0.name == "onderwerp" }) {
                for row in d.rows { if case .text(let s) = row[i] { texts.append(s) } }
            }
        }
        return texts
    }

    /// reportText is the text of both reports, from the copy in the repository.
    static func reportText() throws -> String {
        let folder = repositoryRoot.appendingPathComponent("Tests/IndqCoreTests/Seeds")
        return try ["ind-jaarverslag-2021.txt", "ind-jaarverslag-2022.txt"].map {
            try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
    }

    /// candidates are the meanings' words of four letters or more, starting with a letter, that the reports use,
    /// before the lists apply.
    static func candidates() throws -> Set<String> {
        let report = Set(words(try reportText()))
        return Set(meanings(Catalogue.builtin).flatMap(words).filter {
            $0.count >= 4 && $0.first!.isLetter && report.contains($0)
        })
    }

    /// covered tells whether the glossary explains a word: an entry of its own (in any of its forms), a term of
    /// several words that it is one of (familie in familie en gezin), or, for a compound with a hyphen
    /// (ind-loketten), its last part.
    static func covered(_ word: String, by glossary: Glossary) -> Bool {
        if glossary.lookup(word) != nil || !glossary.containing(word).isEmpty { return true }
        if let dash = word.lastIndex(of: "-") { return covered(String(word[word.index(after: dash)...]), by: glossary) }
        return false
    }
}

struct GlossaryTests {
    @Test func everyNounOfTheMeaningsThatTheReportsUseHasAnEntry() throws {
        let candidates = try GlossaryNouns.candidates()
        let nouns = candidates.subtracting(GlossaryNouns.notTerms)
        #expect(nouns.count > 80, "only \(nouns.count) nouns: the rule or the data changed")
        let missing = nouns.filter { !GlossaryNouns.covered($0, by: .builtin) }.sorted()
        #expect(missing.isEmpty, "glossary.tsv explains none of: \(missing.joined(separator: ", "))")
        // The lists name only words the rule meets, so that they cannot grow stale.
        let stale = GlossaryNouns.notTerms.subtracting(candidates).sorted()
        #expect(stale.isEmpty, "not words of the meanings any more: \(stale.joined(separator: ", "))")
    }

    @Test func theNounTestFailsWhenAnEntryIsRemoved() throws {
        let nouns = try GlossaryNouns.candidates().subtracting(GlossaryNouns.notTerms)
        #expect(nouns.contains("dwangsommen"))
        var glossary = Glossary.builtin
        #expect(GlossaryNouns.covered("dwangsommen", by: glossary))
        glossary.entries.removeAll { $0.term == "dwangsom" }
        #expect(!GlossaryNouns.covered("dwangsommen", by: glossary))
    }

    @Test func theTermsTheIssueNamesAreThereInBothLanguages() {
        let g = Glossary.builtin
        #expect(g.entries.count >= 180, "\(g.entries.count) terms")
        #expect(g.lookup("dwangsommen")?.term == "dwangsom")
        #expect(g.lookup("refusal")?.term == "afwijzing")
        #expect(g.lookup("afwijzing")?.english.hasPrefix("refusal") == true)
        #expect(g.lookup("aanvraag")?.term == "aanvragen")
        #expect(g.lookup("jaren")?.term == "jaar")
        #expect(g.lookup("adviezen")?.term == "advies")
        #expect(g.lookup("expatcentra")?.term == "expatcentrum")
        #expect(g.lookup("familieleden")?.term == "familielid")
        #expect(g.lookup("IND")?.term == "ind")
        #expect(g.lookup("to process")?.term == "afhandelen")
        for term in ["beslistermijn", "intrekking", "nareis", "amv", "verblijfsvergunning", "naturalisatie", "opvang", "coa",
                     "rechter", "rechtbank", "zitting", "raad van state", "boete", "fraude", "asielvergunning", "vluchteling"] {
            #expect(g.lookup(term)?.term == term, "\(term)")
        }
        for e in g.entries {
            #expect(!e.nl.isEmpty && !e.en.isEmpty && !e.english.isEmpty, "\(e.term)")
            #expect(g.lookup(e.subject) != nil, "\(e.term): its subject \(e.subject) is no term")
        }
        #expect(g.containing("kosten").map(\.term).sorted() == ["kosten oekraïne", "materiële kosten", "personele kosten"])
    }

    @Test func helpTermsListsEveryTermUnderItsSubjectWithinEightyColumns() {
        let g = Glossary.builtin
        let out = runOutput("help terms")
        #expect(out.hasPrefix("Terms of the reports by subject"), "\(out.prefix(200))")
        for line in out.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80, "\(line)") }
        for s in g.subjects { #expect(out.contains("\n\n\(s) ("), "\(s)") }
        #expect(g.subjects.count >= 8)
        // A long entry may break between its words.
        let flowing = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for e in g.entries { #expect(flowing.contains(" \(e.term) (\(e.english))"), "\(e.term)") }
        #expect(out.contains("dwangsom (penalty payment)"))
        let asiel = runOutput("help terms asiel")
        #expect(asiel.hasPrefix("\nasiel (asylum):\n") && asiel.contains("nareis (") && !asiel.contains("dwangsom"), "\(asiel)")
        #expect(runOutput("help terms onbekend").contains("asiel"), "an unknown subject lists the subjects")
        #expect(runOutput("help").contains("help terms"))
    }

    @Test func helpOnAWordOfSeveralTermsListsThem() {
        let out = runOutput("help kosten")
        #expect(out.hasPrefix("kosten (costs)"), "\(out)")
        let familie = runOutput("help familie")
        #expect(familie.hasPrefix("familie en gezin ("), "\(familie)")
        let bezetting = runOutput("help zorg")
        #expect(bezetting.hasPrefix("No help on 'zorg'."), "\(bezetting)")
    }
}
