// Joins an array of strings without the standard library's generic `joined(separator:)`, whose first call asks the
// runtime for an associated type and so searches every protocol conformance in the binary: a tenth of a one-shot's
// instructions, for the lines of a table.

extension Array where Element == String {
    /// joined concatenates the strings with `separator` between them, as the standard library's joined does; being
    /// the more specific, it is the one every `[String]` in IndqCore calls.
    func joined(separator: String = "") -> String {
        guard let first else { return "" }
        var out = first
        for s in self[1...] {
            out += separator
            out += s
        }
        return out
    }
}
