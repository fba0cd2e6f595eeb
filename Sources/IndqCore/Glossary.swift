// The glossary: a short definition, in Dutch and in English, of every term a reader of the figures meets, each under
// a subject. `help TERM` shows an entry, `help terms` lists them by subject.

/// GlossaryEntry is one term.
public struct GlossaryEntry: Sendable {
    public var term: String
    public var english: String
    /// subject is the term, itself in the glossary, under which `help terms` lists this one (asiel, cijfers, …).
    public var subject: String
    public var nl: String
    public var en: String

    /// englishForms are the English renderings to look the term up by: each of `english`'s comma-separated
    /// alternatives, also without its part in parentheses ("IND (Immigration …)" is found as "IND").
    public var englishForms: [String] {
        var forms: [String] = []
        var depth = 0, part = ""
        for c in english + "," {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if c == "," && depth == 0 {
                forms.append(part)
                part = ""
            } else {
                part.append(c)
            }
        }
        var result: [String] = []
        for form in forms {
            let whole = form.trimmingCharacters(in: " ")
            if !whole.isEmpty { result.append(whole) }
            if let open = whole.firstIndex(of: "(") {
                let bare = whole[..<open].trimmingCharacters(in: " ")
                if !bare.isEmpty { result.append(bare) }
            }
        }
        return result
    }
}

/// Glossary holds the terms of glossary.tsv.
public struct Glossary: Sendable {
    public var entries: [GlossaryEntry]

    /// builtin is the glossary embedded in the binary.
    public static let builtin: Glossary = {
        guard let file = Catalogue.embeddedFiles().first(where: { $0.name == "glossary.tsv" }) else { return Glossary(entries: []) }
        return Glossary(text: file.text)
    }()

    /// init reads glossary.tsv: term, english, subject, nl, en; the first line is the header.
    public init(text: String) {
        entries = DataFile.lines(text).dropFirst().compactMap { _, line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return f.count == 5 ? GlossaryEntry(term: f[0], english: f[1], subject: f[2], nl: f[3], en: f[4]) : nil
        }
    }

    init(entries: [GlossaryEntry]) { self.entries = entries }

    /// longestWord bounds what lookup compares: no term is longer, so a longer text is no term and costs nothing.
    static let longestWord = 200

    /// key is the form terms are compared in: lower case, letters and digits only.
    static func key(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }

    /// inflections are the forms of a key that the reports may write for it: Dutch plurals (-en, -n, -s, a doubled
    /// consonant as in dwangsommen, a long vowel written once as in aanvragen and jaren, s to z as in adviezen,
    /// -heid to -heden, -lid to -leden, -um to -a as in expatcentra) and English ones (-s, -es, -ies).
    static func inflections(_ k: String) -> Set<String> {
        var forms: Set<String> = [k, k + "s", k + "en", k + "es"]
        let chars = Array(k)
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        if k.hasSuffix("e") || k.hasSuffix("ë") { forms.insert(k + "n") }
        if let last = chars.last, !vowels.contains(last) {
            forms.insert(k + String(last) + "en")
            if chars.count >= 3, vowels.contains(chars[chars.count - 2]), chars[chars.count - 2] == chars[chars.count - 3] {
                forms.insert(String(chars.dropLast(2)) + String(last) + "en")
            }
        }
        if k.hasSuffix("s") { forms.insert(String(k.dropLast()) + "zen") }
        if k.hasSuffix("f") { forms.insert(String(k.dropLast()) + "ven") }
        if k.hasSuffix("heid") { forms.insert(String(k.dropLast(3)) + "eden") }
        if k.hasSuffix("lid") { forms.insert(String(k.dropLast(2)) + "eden") }
        if k.hasSuffix("um") { forms.insert(String(k.dropLast(2)) + "a") }
        if k.hasSuffix("y") { forms.insert(String(k.dropLast()) + "ies") }
        return forms
    }

    /// sameWord tells whether two keys are one word, in either's singular or plural form.
    static func sameWord(_ a: String, _ b: String) -> Bool {
        a == b || inflections(a).contains(b) || inflections(b).contains(a)
    }

    /// lookup finds a term by its Dutch or English form, ignoring case, spaces and underscores, and singular or
    /// plural forms such as `instandhouding` for `instandhoudingen` or `dwangsommen` for `dwangsom`.
    public func lookup(_ word: String) -> GlossaryEntry? {
        let k = Glossary.key(word)
        guard !k.isEmpty, k.count <= Glossary.longestWord else { return nil }
        let forms = Glossary.inflections(k)
        func same(_ term: String) -> Bool { term == k || forms.contains(term) || Glossary.inflections(term).contains(k) }
        return entries.first { Glossary.key($0.term) == k }
            ?? entries.first { $0.englishForms.contains { Glossary.key($0) == k } }
            ?? entries.first { same(Glossary.key($0.term)) }
            ?? entries.first { $0.englishForms.contains { same(Glossary.key($0)) } }
    }

    /// containing lists the terms of several words of which `word` is one (`kosten` is in `personele kosten`).
    public func containing(_ word: String) -> [GlossaryEntry] {
        let k = Glossary.key(word)
        guard !k.isEmpty, k.count <= Glossary.longestWord else { return [] }
        return entries.filter { e in
            let words = e.term.split(separator: " ").map { Glossary.key(String($0)) }
            return words.count > 1 && words.contains { Glossary.sameWord($0, k) }
        }
    }

    /// subjects are the subjects in the order of their first term in the file.
    public var subjects: [String] {
        var seen = Set<String>()
        return entries.map(\.subject).filter { seen.insert($0).inserted }
    }

    /// spellings are the words Tab offers after `help`: every term and its English forms, in lower case.
    public var spellings: [String] {
        var seen = Set<String>()
        return entries.flatMap { [$0.term] + $0.englishForms.map { $0.lowercased() } }.filter { seen.insert($0).inserted }
    }

    /// explain writes an entry for `help`.
    public static func explain(_ e: GlossaryEntry) -> String {
        "\(e.term) (\(e.english))\n  nl: \(e.nl)\n  en: \(e.en)\n"
    }

    /// listing writes `help terms`: each subject with its English, then its terms in alphabetical order, each with
    /// its English, in lines that fit `width` columns. With `subject`, only the terms of that subject.
    public func listing(width: Int = 80, subject: String? = nil) -> String {
        var out = subject == nil ? "Terms of the reports by subject (help TERM explains one, in Dutch and English):\n" : ""
        for s in subjects where subject == nil || s == subject {
            let title = lookup(s).map { "\(s) (\($0.english))" } ?? s
            out += "\n\(title):\n"
            var line = " "
            // An item stays on one line where it fits on one; a longer one breaks between its words.
            func add(_ piece: String) {
                if DisplayWidth.of(line + piece) > width && line != " " {
                    out += line + "\n"
                    line = " "
                }
                line += piece
            }
            let items = entries.filter { $0.subject == s }.sorted { $0.term < $1.term }
            for (i, e) in items.enumerated() {
                let item = " \(e.term) (\(e.english))" + (i == items.count - 1 ? "" : ",")
                if DisplayWidth.of(" " + item) <= width {
                    add(item)
                } else {
                    for word in item.split(separator: " ") { add(" " + word) }
                }
            }
            out += line + "\n"
        }
        if subject == nil { out += "\nhelp terms SUBJECT lists one subject: help terms asiel.\n" }
        return out
    }
}
