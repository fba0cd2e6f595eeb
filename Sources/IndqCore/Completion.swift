// Completion candidates for the prompt: keywords, dataset names and column names. The shell filters them by the
// word before the cursor.

/// Completion lists what may be typed next.
public enum Completion {
    /// candidates returns the words that fit at the end of `line`: dataset names after FROM and the statements that
    /// take one, else keywords, statement words and column names.
    public static func candidates(forLineBeforeCursor line: String, catalogue: Catalogue) -> [String] {
        let words = line.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        let endsInWord = line.last.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false
        let previous = endsInWord ? words.dropLast().last : words.last
        if let previous, ["from", "describe", "source"].contains(previous) {
            return catalogue.datasets.flatMap { [$0.name, $0.english] }
        }
        if previous == "show" { return ["datasets", "tables"] }
        var out = Keyword.allCases.map(\.rawValue) + ["show", "describe", "source", "help"]
        out += catalogue.datasets.flatMap(\.columnNames)
        out += catalogue.allNames
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }
}
