// Diagnostics are values: a message, the place in the source it is about, and optional notes.
// One renderer prints every diagnostic the same way: `error: …`, file:line:col, the source line and a caret.

/// SourceRange is a half-open range of UTF-8 byte offsets into a statement's source text.
public struct SourceRange: Equatable, Sendable {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// to returns the range that spans from this one to `other`.
    public func to(_ other: SourceRange) -> SourceRange { SourceRange(min(start, other.start), max(end, other.end)) }
}

/// Diagnostic is an error or warning about a place in the source.
public struct Diagnostic: Error, Equatable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// Extra lines, e.g. "did you mean studenten?".
    public var notes: [String]

    public init(_ message: String, at range: SourceRange, notes: [String] = [], severity: Severity = .error) {
        self.message = message
        self.range = range
        self.notes = notes
        self.severity = severity
    }
}

/// SourceText is a script or a line of input, with a name for messages (a file name, `<stdin>`, …).
public struct SourceText: Sendable {
    public let name: String?
    public let text: String
    /// bytes is the text as UTF-8; every SourceRange indexes into it.
    public let bytes: [UInt8]

    public init(_ text: String, name: String? = nil) {
        self.text = text
        self.name = name
        self.bytes = Array(text.utf8)
    }

    /// location returns the 1-based line and column (in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int, lineStart: Int, lineEnd: Int) {
        let offset = min(max(0, offset), bytes.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        var lineEnd = offset
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
        return (line, prefix.count + 1, lineStart, lineEnd)
    }

    /// render formats a diagnostic: the message, where it is, the source line and a caret under the spot.
    /// With `color`, the severity and the caret are coloured.
    public func render(_ d: Diagnostic, color: Bool = false) -> String {
        let loc = location(of: d.range.start)
        var lineBytes = bytes[loc.lineStart..<loc.lineEnd]
        if lineBytes.last == 0x0D { lineBytes = lineBytes.dropLast() }
        var lineText = String(decoding: lineBytes, as: UTF8.self)
        var prefix = String(decoding: bytes[loc.lineStart..<min(max(d.range.start, loc.lineStart), loc.lineEnd)], as: UTF8.self)
        // A very long line is shown as a window around the caret.
        if lineText.count > Limits.maxLineShown {
            let before = min(prefix.count, Limits.maxLineShown / 2)
            let head = prefix.count - before
            prefix = (head > 0 ? "…" : "") + String(prefix.suffix(before))
            let shown = lineText.dropFirst(head).prefix(Limits.maxLineShown)
            lineText = (head > 0 ? "…" : "") + shown + (head + shown.count < lineText.count ? "…" : "")
        }
        let caretColumn = DisplayWidth.of(prefix)
        let spanEnd = min(d.range.end, loc.lineEnd)
        let spanText = String(decoding: bytes[min(d.range.start, spanEnd)..<spanEnd], as: UTF8.self)
        let carets = String(repeating: "^", count: max(1, min(Limits.maxLineShown / 2, DisplayWidth.of(spanText))))
        let where_ = (name.map { "\($0):" } ?? "") + "\(loc.line):\(loc.column)"
        let gutter = String(loc.line)
        let pad = String(repeating: " ", count: gutter.count)
        let (on, off) = color ? (d.severity == .error ? ANSI.red : ANSI.yellow, ANSI.reset) : ("", "")
        var out = "\(on)\(d.severity.rawValue):\(off) \(d.message)\n"
        out += "\(pad)--> \(where_)\n"
        out += "\(pad) |\n"
        out += "\(gutter) | \(DisplayWidth.printable(lineText))\n"
        out += "\(pad) | \(String(repeating: " ", count: caretColumn))\(on)\(carets)\(off)\n"
        for note in d.notes { out += "\(pad) = \(note)\n" }
        return out
    }
}
