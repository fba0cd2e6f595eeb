// The output formats that sqlite3's and DuckDB's shells have beside indq's own: jsonl, html, list, tabs and line.
// Each writes its rows as they arrive, in pieces, as csv does.

/// JSONLinesSink writes one JSON object per line and nothing else, so that the rows of several statements make one
/// stream of objects.
final class JSONLinesSink: ResultSink {
    private var out: PieceWriter
    private var keys: [String] = []

    init(write: @escaping (String) -> Void) { out = PieceWriter(write) }

    func begin(_ header: ResultHeader) { keys = header.columns.map { JSONRenderer.string($0.name) } }

    func write(_ chunk: RowChunk) {
        for row in chunk.rows { out.add(JSONRenderer.object(keys, row) + "\n") }
    }

    func finish() { out.finish() }
}

/// HTMLSink writes a `<table>`: a header row of `<th>` (unless headers are off), then a `<tr>` of `<td>` per row, each
/// text escaped, so that no value can add markup.
final class HTMLSink: ResultSink {
    private var out: PieceWriter
    private let options: RenderOptions

    init(options: RenderOptions, write: @escaping (String) -> Void) {
        out = PieceWriter(write)
        self.options = options
    }

    /// escape writes the characters that HTML and XML read as markup as their entities, and a character XML may not
    /// hold (a control other than tab and line ends) as U+FFFD; the SVG chart escapes its texts the same way.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = c.value
                if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF { out += "\u{FFFD}" }
                else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    func begin(_ header: ResultHeader) {
        out.add("<table>\n")
        if options.headers {
            out.add("<tr>" + header.columns.map { "<th>" + Self.escape($0.name) + "</th>" }.joined() + "</tr>\n")
        }
    }

    func write(_ chunk: RowChunk) {
        for row in chunk.rows {
            out.add("<tr>" + row.map { "<td>" + Self.escape($0.display ?? options.nullValue ?? "NULL") + "</td>" }.joined() + "</tr>\n")
        }
    }

    func finish() {
        out.add("</table>\n")
        out.finish()
    }
}

/// SeparatedSink writes sqlite3's list (`|`) and tabs modes: a header row unless headers are off, then the values
/// as they are, separated, without quoting; percentage points are written as the fraction, as csv writes them.
final class SeparatedSink: ResultSink {
    private var out: PieceWriter
    private let separator: String
    private let nullValue: String
    private let headers: Bool

    init(separator: String, options: RenderOptions, write: @escaping (String) -> Void) {
        out = PieceWriter(write)
        self.separator = separator
        // tabs is read by tools, as csv is, and writes NULL as nothing; list writes it as the word.
        nullValue = options.nullValue ?? (separator == "\t" ? "" : "NULL")
        headers = options.headers
    }

    func begin(_ header: ResultHeader) {
        if headers { out.add(header.columns.map(\.name).joined(separator: separator) + "\n") }
    }

    func write(_ chunk: RowChunk) {
        for row in chunk.rows {
            out.add(row.map { $0.isNull ? nullValue : CSVRenderer.text($0) }.joined(separator: separator) + "\n")
        }
    }

    func finish() { out.finish() }
}

/// LineSink writes sqlite3's line mode: each value on its own line as `name = value`, the names right-aligned to
/// the longest (at least 5 wide), and an empty line between rows.
final class LineSink: ResultSink {
    private var out: PieceWriter
    private let nullValue: String
    private var names: [String] = []
    private var any = false

    init(nullValue: String, write: @escaping (String) -> Void) {
        out = PieceWriter(write)
        self.nullValue = nullValue
    }

    func begin(_ header: ResultHeader) {
        let width = max(5, header.columns.map { DisplayWidth.of(DisplayWidth.printable($0.name)) }.max() ?? 0)
        names = header.columns.map {
            let name = DisplayWidth.printable($0.name)
            return String(repeating: " ", count: width - DisplayWidth.of(name)) + name
        }
    }

    func write(_ chunk: RowChunk) {
        for row in chunk.rows {
            out.add((any ? "\n" : "") + zip(names, row).map { "\($0) = \($1.display ?? nullValue)\n" }.joined())
            any = true
        }
    }

    func finish() { out.finish() }
}
