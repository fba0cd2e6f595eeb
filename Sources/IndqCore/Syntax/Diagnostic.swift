// Diagnostics are values: a message, a code that says what kind of problem it is, the place in the source it is
// about, and optional notes. Code decides from the code, never from the message's words.
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

/// Diagnostic is an error, warning or note about a place in the source.
public struct Diagnostic: Error, Equatable, Sendable {
    /// A note tells something about the figures behind an answer (no rows for that year, mixed units); it never
    /// changes a result or an exit status.
    public enum Severity: String, Sendable { case error, warning, note }

    /// Code says what kind of problem this is, so that code and tests decide from it, never from a message's words.
    public enum Code: String, Sendable {
        /// Anything not singled out below.
        case other
        /// A view reads itself, through views that read each other.
        case viewReadsItself
        /// A year compared with a dataset's year column selects none of its years: `studenten where year = 2022`.
        case yearOutsideDataset
        /// A text compared with a column matches no value, but one differs only in case, accents or a small typo,
        /// or is a dataset's English name: `post = 'Totaal lasten'`, `categorie = 'students'`.
        case textNearMiss
        /// An aggregate over kerncijfers.waarde combines rows with different units (eenheid).
        case mixedUnits
        /// An aggregate, lag or lead over brexit, whose figures are cumulative ("tot en met").
        case cumulativeFigures
        /// The input ended where the grammar expected more: `select year,`, `select year from`.
        case unexpectedEnd
        /// A string literal still open at the end of input: `select 'abc`.
        case unterminatedString
        /// A double-quoted name still open at the end of input: `select "year`.
        case unterminatedQuotedName
        /// A block comment still open at the end of input: `/* note`.
        case unterminatedComment
        /// A column named in a select without FROM: `select year` (at the prompt, its FROM is likely still to come).
        case columnWithoutFrom
        /// Expressions or parentheses nested deeper than Limits.maxNesting; more input cannot mend that.
        case nestingTooDeep

        /// isUnfinishedInput is true when more input could make the statement whole, so the prompt waits for it.
        public var isUnfinishedInput: Bool {
            switch self {
            case .unexpectedEnd, .unterminatedString, .unterminatedQuotedName, .unterminatedComment: return true
            default: return false
            }
        }
    }

    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// Extra lines, e.g. "did you mean studenten?".
    public var notes: [String]
    /// code classifies the diagnostic; see Code.
    public var code: Code

    public init(_ message: String, at range: SourceRange, notes: [String] = [], severity: Severity = .error,
                code: Code = .other) {
        self.message = message
        self.range = range
        self.notes = notes
        self.severity = severity
        self.code = code
    }
}

/// SourceText is a script or a line of input, with a name for messages (a file name, `<stdin>`, …).
public struct SourceText: Sendable {
    public let name: String?
    public let text: String
    /// bytes is the text as UTF-8; every SourceRange indexes into it.
    public let bytes: [UInt8]

    /// lineStarts holds the byte offset where each line begins, so that a place is found without rescanning.
    let lineStarts: [Int]
    /// firstLine and firstColumn place the first byte in a longer script, when this text is one statement read from
    /// a stream, so that messages give the place in the whole file.
    public let firstLine: Int
    public let firstColumn: Int

    public init(_ text: String, name: String? = nil, firstLine: Int = 1, firstColumn: Int = 1) {
        self.text = text
        self.name = name
        self.firstLine = firstLine
        self.firstColumn = firstColumn
        self.bytes = Array(text.utf8)
        // A loop over raw memory keeps a 10 MB script quick even in an unoptimised build.
        self.lineStarts = bytes.withUnsafeBufferPointer { p in
            var starts = [0]
            for i in 0..<p.count where p[i] == 0x0A { starts.append(i + 1) }
            return starts
        }
    }

    /// location returns the 1-based line and column (in Unicode scalars) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int, lineStart: Int, lineEnd: Int) {
        let offset = min(max(0, offset), bytes.count)
        // The last line start at or before the offset.
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        let lineEnd = low + 1 < lineStarts.count ? lineStarts[low + 1] - 1 : bytes.count
        let column = bytes[lineStart..<offset].reduce(low == 0 ? firstColumn : 1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return (low + firstLine, column, lineStart, lineEnd)
    }

    /// render formats a diagnostic: the message, where it is, the source line and a caret under the spot.
    /// With `color`, the severity and the caret are coloured.
    public func render(_ d: Diagnostic, color: Bool = false) -> String {
        let loc = location(of: d.range.start)
        var lineEnd = loc.lineEnd
        if lineEnd > loc.lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let caret = min(max(d.range.start, loc.lineStart), lineEnd)
        // A very long line is shown as a window of bytes around the caret, cut on character boundaries.
        var from = loc.lineStart, to = lineEnd
        if lineEnd - loc.lineStart > Limits.maxLineShown {
            from = max(loc.lineStart, caret - Limits.maxLineShown / 2)
            while from < caret && bytes[from] & 0xC0 == 0x80 { from += 1 }
            to = min(lineEnd, from + Limits.maxLineShown)
            while to > caret && to < lineEnd && bytes[to] & 0xC0 == 0x80 { to -= 1 }
        }
        // The first line of a statement read from a stream may start after the line's beginning.
        let head = from > loc.lineStart || (loc.lineStart == 0 && firstColumn > 1) ? "…" : ""
        let prefix = head + String(decoding: bytes[from..<caret], as: UTF8.self)
        let lineText = head + String(decoding: bytes[from..<to], as: UTF8.self) + (to < lineEnd ? "…" : "")
        let caretColumn = DisplayWidth.of(prefix)
        let spanEnd = min(d.range.end, to)
        let spanText = String(decoding: bytes[min(d.range.start, spanEnd)..<spanEnd], as: UTF8.self)
        let carets = String(repeating: "^", count: max(1, min(Limits.maxLineShown / 2, DisplayWidth.of(spanText))))
        let where_ = (name.map { "\($0):" } ?? "") + "\(loc.line):\(loc.column)"
        let gutter = String(loc.line)
        let pad = String(repeating: " ", count: gutter.count)
        let (on, off) = color ? (d.severity == .error ? ANSI.red : d.severity == .warning ? ANSI.yellow : ANSI.cyan, ANSI.reset) : ("", "")
        var out = "\(on)\(d.severity.rawValue):\(off) \(d.message)\n"
        out += "\(pad)--> \(where_)\n"
        out += "\(pad) |\n"
        out += "\(gutter) | \(DisplayWidth.printable(lineText))\n"
        out += "\(pad) | \(String(repeating: " ", count: caretColumn))\(on)\(carets)\(off)\n"
        for note in d.notes { out += "\(pad) = \(note)\n" }
        return out
    }
}
