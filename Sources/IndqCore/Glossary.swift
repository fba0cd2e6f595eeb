// The glossary: a short definition, in Dutch and in English, of every term a reader of the figures meets.
// `help TERM` shows an entry and `describe` shows the entries of a dataset's columns.

/// GlossaryEntry is one term.
public struct GlossaryEntry: Sendable {
    public var term: String
    public var english: String
    public var nl: String
    public var en: String
}

/// Glossary holds the terms of glossary.tsv.
public struct Glossary: Sendable {
    public var entries: [GlossaryEntry]

    /// builtin is the glossary embedded in the binary.
    public static let builtin: Glossary = {
        guard let file = Catalogue.embeddedFiles().first(where: { $0.name == "glossary.tsv" }) else { return Glossary(entries: []) }
        return Glossary(text: file.text)
    }()

    /// init reads glossary.tsv: term, english, nl, en; the first line is the header.
    public init(text: String) {
        entries = DataFile.lines(text).dropFirst().compactMap { _, line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return f.count == 4 ? GlossaryEntry(term: f[0], english: f[1], nl: f[2], en: f[3]) : nil
        }
    }

    init(entries: [GlossaryEntry]) { self.entries = entries }

    /// lookup finds a term by its Dutch or English form, ignoring case, spaces and underscores, and singular forms
    /// such as `instandhouding` for `instandhoudingen`.
    public func lookup(_ word: String) -> GlossaryEntry? {
        func key(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let k = key(word)
        guard !k.isEmpty else { return nil }
        return entries.first { key($0.term) == k || key($0.english) == k }
            ?? entries.first { key($0.term) == k + "en" || key($0.term) + "en" == k || key($0.english) == k + "s" }
    }

    /// explain writes an entry for `help`.
    public static func explain(_ e: GlossaryEntry) -> String {
        "\(e.term) (\(e.english))\n  nl: \(e.nl)\n  en: \(e.en)\n"
    }
}
