// Renderers: result rows → text, in the output formats. They write plain digits and know nothing of terminals;
// the shell passes the terminal width when there is one.

/// RenderOptions are the session's settings that shape output on a terminal.
public struct RenderOptions: Sendable {
    /// maxWidth is the terminal width; wider tables are shortened visibly.
    public var maxWidth: Int?
    /// color marks headers and NULL with ANSI colours; only ever on a terminal.
    public var color: Bool
    /// numbers is how tables and charts write digits.
    public var numbers: NumberStyle
    /// maxRows is the most rows a table shows; it holds that many to measure their widths and counts the rest.
    public var maxRows: Int
    /// headers writes the header row of csv, tabs, list and html (`.headers on|off`); the other formats always do.
    public var headers = true
    /// nullValue is how every format but json, jsonl and the charts writes NULL (`.nullvalue TEXT`); nil keeps each
    /// format's own: empty in csv and tabs, `NULL` elsewhere.
    public var nullValue: String?
    /// crlf ends csv lines in CRLF, as RFC 4180 has it (`.crlf on`, `--crlf`); by default they end in LF.
    public var crlf = false

    public init(maxWidth: Int? = nil, color: Bool = false, numbers: NumberStyle = .plain, maxRows: Int = Limits.maxTableRows,
                headers: Bool = true, nullValue: String? = nil, crlf: Bool = false) {
        self.maxWidth = maxWidth
        self.color = color
        self.numbers = numbers
        self.maxRows = maxRows
        self.headers = headers
        self.nullValue = nullValue
        self.crlf = crlf
    }
}

/// ANSI holds the few escape sequences the output uses.
enum ANSI {
    static let bold = "\u{1B}[1m", dim = "\u{1B}[2m", red = "\u{1B}[1;31m", yellow = "\u{1B}[1;33m", cyan = "\u{1B}[1;36m", reset = "\u{1B}[0m"
}

/// OutputFormat is how results are written.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json, markdown
    /// Horizontal bars, one per row, for a label column and numeric columns.
    case bar
    /// Sparklines over the years, one per label.
    case spark
    /// One JSON object per line, across all the statements of a run.
    case jsonl
    /// An HTML table, its text escaped.
    case html
    /// sqlite3's list, line and tabs: values separated by `|`, one `name = value` per line, values separated by tabs.
    case list, line, tabs
    /// A standalone SVG chart for slides and reports: bars, or lines over the years, with the source under it.
    case svg

    /// sink is this format's writer of a result as its rows arrive. csv, json and markdown write each row as it
    /// comes, in pieces of about 64 KiB; a table holds up to `options.maxRows` rows to measure them, a chart up to
    /// ChartSink.maxRows (svg up to SVGSink.maxRows), and both count the rest without holding them.
    public func sink(options: RenderOptions = RenderOptions(), write: @escaping (String) -> Void) -> any ResultSink {
        switch self {
        case .table: TableSink(options: options, write: write)
        case .bar: ChartSink(.bar, options: options, write: write)
        case .spark: ChartSink(.spark, options: options, write: write)
        case .csv: QualifierColumn(CSVSink(options: options, write: write))
        case .json: QualifierColumn(JSONSink(write: write))
        case .markdown: MarkdownSink(nullValue: options.nullValue ?? "NULL", write: write)
        case .jsonl: QualifierColumn(JSONLinesSink(write: write))
        case .html: QualifierColumn(HTMLSink(options: options, write: write))
        case .list: QualifierColumn(SeparatedSink(separator: "|", options: options, write: write))
        case .tabs: QualifierColumn(SeparatedSink(separator: "\t", options: options, write: write))
        case .line: QualifierColumn(LineSink(nullValue: options.nullValue ?? "NULL", write: write))
        case .svg: SVGSink(options: options, write: write)
        }
    }

    /// render writes a result in this format.
    public func render(_ result: ResultSet, options: RenderOptions = RenderOptions()) -> String {
        collected { render(result, options: options, write: $0) }
    }

    /// render writes a whole result in this format through `write`, by its sink.
    public func render(_ result: ResultSet, options: RenderOptions = RenderOptions(), write: (String) -> Void) {
        withoutActuallyEscaping(write) { result.feed(sink(options: options, write: $0)) }
    }
}

/// collected is the text that `render` writes, as one string.
func collected(_ render: ((String) -> Void) -> Void) -> String {
    var out = ""
    render { out += $0 }
    return out
}

/// PieceWriter gathers text and hands it on in pieces of about 64 KiB.
struct PieceWriter {
    static let pieceSize = 65536
    let write: (String) -> Void
    var piece = ""

    init(_ write: @escaping (String) -> Void) { self.write = write }

    /// add appends text, handing the piece on once it is full.
    mutating func add(_ text: String) {
        piece += text
        if piece.utf8.count >= Self.pieceSize {
            write(piece)
            piece = ""
        }
    }

    /// finish hands on what is left.
    mutating func finish() {
        if !piece.isEmpty { write(piece) }
        piece = ""
    }
}

extension ValueType {
    /// alignsRight tells the types whose values line up on the right: the numbers.
    var alignsRight: Bool { isNumeric && self != .null }
}

/// TableRenderer draws a table with box characters, numbers right-aligned, NULL for null, and a row count.
/// Wider than `options.maxWidth`, its widest columns are shortened with `…`; with `options.color`, headers are bold
/// and NULL dim.
public struct TableRenderer {
    public var options: RenderOptions

    public init(options: RenderOptions = RenderOptions()) { self.options = options }

    /// render draws the result; past `options.maxRows` rows it says how many more there are.
    public func render(_ result: ResultSet) -> String {
        collected { write in withoutActuallyEscaping(write) { result.feed(TableSink(options: options, write: $0)) } }
    }

    /// draw draws rows that all fit, with their row count and the legend of their approximate figures.
    func draw(_ columns: [ResultColumn], _ rows: [[Value]], _ qualifiers: [[String?]]) -> String {
        let headers = columns.map { DisplayWidth.printable($0.name) }
        // An approximate figure reads `~20000`, explained under the table.
        let cells = rows.enumerated().map { r, row in
            row.enumerated().map { c, v in
                (r < qualifiers.count && c < qualifiers[r].count && qualifiers[r][c] != nil ? "~" : "")
                    + DisplayWidth.printable((columns[c].isYear ? v.display : options.numbers.format(v)) ?? options.nullValue ?? "NULL")
            }
        }
        var widths = headers.map(DisplayWidth.of)
        for row in cells {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) }
        }
        if let maxWidth = options.maxWidth { shrink(&widths, toFit: maxWidth) }
        func line(_ l: String, _ m: String, _ r: String) -> String {
            l + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: m) + r + "\n"
        }
        // Colour goes on after padding, so that escape sequences never count towards a width.
        func row(_ values: [String], style: (Int) -> String?, rightAligned: (Int) -> Bool) -> String {
            var s = "│"
            for (i, v) in values.enumerated() {
                var text = DisplayWidth.truncate(v, to: widths[i])
                let pad = String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(text)))
                if options.color, let code = style(i) { text = code + text + ANSI.reset }
                s += " " + (rightAligned(i) ? pad + text : text + pad) + " │"
            }
            return s + "\n"
        }
        var out = line("┌", "┬", "┐")
        out += row(headers, style: { _ in ANSI.bold }) { columns[$0].type.alignsRight }
        out += line("├", "┼", "┤")
        for (r, values) in cells.enumerated() {
            out += row(values, style: { rows[r][$0].isNull ? ANSI.dim : nil }) {
                columns[$0].type.alignsRight || rows[r][$0].asDouble != nil
            }
        }
        out += line("└", "┴", "┘")
        out += rows.count == 1 ? "1 row\n" : "\(rows.count) rows\n"
        let words = Set(qualifiers.flatMap { $0.compactMap { $0 } })
        if !words.isEmpty {
            let meaning = ["bijna": "almost", "ruim": "over", "circa": "about"]
            var parts: [String] = []
            let said = ["bijna", "ruim", "circa"].filter(words.contains)
            if !said.isEmpty { parts.append("the report says " + said.map { "\($0) (\(meaning[$0]!))" }.joined(separator: ", ")) }
            if words.contains(computedQualifier) { parts.append("computed from figures the report gives as approximate") }
            out += "~ approximate: " + parts.joined(separator: "; ") + "\n"
        }
        return out
    }

    /// shrink narrows the widest columns until the table fits, keeping each at least 3 cells.
    func shrink(_ widths: inout [Int], toFit maxWidth: Int) {
        func total() -> Int { widths.reduce(0, +) + 3 * widths.count + 1 }
        while total() > maxWidth {
            guard let i = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[i] > 3 else { return }
            widths[i] -= 1
        }
    }
}

/// TableSink writes a table as its rows arrive. It holds up to `options.maxRows` rows to measure their widths; when
/// one more comes, it draws those, and then only counts the rest, to say at the end how many it left out.
final class TableSink: RowLimitedSink {
    let renderer: TableRenderer
    let out: (String) -> Void
    private var columns: [ResultColumn] = []
    private var rows: [[Value]] = []
    private var qualifiers: [[String?]] = []
    private var count = 0
    private var shown = 0
    private var drawn = false

    var rowLimit: Int { renderer.options.maxRows }

    init(options: RenderOptions, write: @escaping (String) -> Void) {
        renderer = TableRenderer(options: options)
        out = write
    }

    func begin(_ header: ResultHeader) { columns = header.columns }

    func write(_ chunk: RowChunk) {
        guard !drawn else { return passOver(chunk.rows.count) }
        for (r, row) in chunk.rows.enumerated() {
            guard count < rowLimit else {
                draw()
                return passOver(chunk.rows.count - r)
            }
            count += 1
            rows.append(row)
            qualifiers.append(r < chunk.qualifiers.count ? chunk.qualifiers[r] : [])
        }
    }

    func passOver(_ more: Int) {
        if !drawn && more > 0 { draw() }
        count += more
    }

    func finish() {
        if !drawn { return out(renderer.draw(columns, rows, qualifiers)) }
        out("… and \(count - shown) more rows, \(count) in all "
            + "(a table shows at most \(rowLimit) rows; --format csv or json writes every row)\n")
    }

    /// draw writes the rows held, which are all the table shows, and lets them go.
    private func draw() {
        drawn = true
        shown = rows.count
        out(renderer.draw(columns, rows, qualifiers))
        rows = []
        qualifiers = []
    }
}

/// CSVRenderer writes RFC 4180 CSV: a header row, fields quoted when they need it, null empty. Lines end in LF, as
/// DuckDB writes them, so that line tools see no CR; RenderOptions.crlf gives RFC 4180's CRLF.
public enum CSVRenderer {
    public static func render(_ result: ResultSet) -> String { collected { render(result, write: $0) } }

    /// render writes the csv through `write`, in pieces.
    public static func render(_ result: ResultSet, write: (String) -> Void) {
        withoutActuallyEscaping(write) { result.feed(CSVSink(write: $0)) }
    }

    /// text is a value as csv writes it: as displayed, except percentage points, which are written as the fraction
    /// (6 pp as 0.06), the number DuckDB and spreadsheets compute with.
    static func text(_ v: Value) -> String {
        if case .points(let d) = v { return d.trimmed.description }
        return v.display ?? ""
    }

    /// field quotes a value that holds a comma, a quote or a line break, doubling its quotes.
    static func field(_ s: String) -> String {
        // Bytes, not a set of scalars built per field: all four are ASCII, which never occurs inside a longer UTF-8 sequence.
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}

/// CSVSink writes each row as it arrives.
final class CSVSink: ResultSink {
    private var out: PieceWriter
    private let options: RenderOptions
    private let end: String

    init(options: RenderOptions = RenderOptions(), write: @escaping (String) -> Void) {
        out = PieceWriter(write)
        self.options = options
        end = options.crlf ? "\r\n" : "\n"
    }

    func begin(_ header: ResultHeader) {
        if options.headers { out.add(header.columns.map { CSVRenderer.field($0.name) }.joined(separator: ",") + end) }
    }

    func write(_ chunk: RowChunk) {
        for row in chunk.rows {
            out.add(row.map { CSVRenderer.field($0.isNull ? options.nullValue ?? "" : CSVRenderer.text($0)) }.joined(separator: ",") + end)
        }
    }

    func finish() { out.finish() }
}

/// JSONRenderer writes an array of objects, one per row. Decimals are exact; percentages and percentage points are
/// numbers: the fraction, as stored.
public enum JSONRenderer {
    public static func render(_ result: ResultSet) -> String { collected { render(result, write: $0) } }

    /// render writes the json through `write`, in pieces.
    public static func render(_ result: ResultSet, write: (String) -> Void) {
        withoutActuallyEscaping(write) { result.feed(JSONSink(write: $0)) }
    }

    static func value(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .decimal(let d): return d.description
        case .percentage(let d), .points(let d): return d.trimmed.description
        case .double(let d): return d.isFinite ? formatDouble(d) : "null"
        case .boolean(let b): return b ? "true" : "false"
        case .text(let s): return string(s)
        // A string, as DuckDB's json writes a DATE.
        case .date(let d): return string(d.description)
        }
    }

    /// object writes one row as a JSON object; `keys` are the column names as JSON strings.
    static func object(_ keys: [String], _ row: [Value]) -> String {
        "{" + zip(keys, row).map { "\($0): \(value($1))" }.joined(separator: ", ") + "}"
    }

    /// string writes a JSON string literal.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// JSONSink writes each object as its row arrives; the comma goes before a row, so no row waits for the next.
final class JSONSink: ResultSink {
    private var out: PieceWriter
    private var keys: [String] = []
    private var any = false

    init(write: @escaping (String) -> Void) { out = PieceWriter(write) }

    func begin(_ header: ResultHeader) { keys = header.columns.map { JSONRenderer.string($0.name) } }

    func write(_ chunk: RowChunk) {
        for row in chunk.rows {
            out.add((any ? ",\n  " : "[\n  ") + JSONRenderer.object(keys, row))
            any = true
        }
    }

    func finish() {
        out.add(any ? "\n]\n" : "[]\n")
        out.finish()
    }
}

/// MarkdownRenderer writes a GitHub-style pipe table, numbers right-aligned.
public enum MarkdownRenderer {
    public static func render(_ result: ResultSet) -> String { collected { render(result, write: $0) } }

    /// render writes the table through `write`, in pieces.
    public static func render(_ result: ResultSet, write: (String) -> Void) {
        withoutActuallyEscaping(write) { result.feed(MarkdownSink(write: $0)) }
    }

    static func escape(_ s: String) -> String { DisplayWidth.printable(s).replacingAll("|", with: "\\|") }
}

/// MarkdownSink writes each row as it arrives.
final class MarkdownSink: ResultSink {
    private var out: PieceWriter
    private let nullValue: String

    init(nullValue: String = "NULL", write: @escaping (String) -> Void) {
        out = PieceWriter(write)
        self.nullValue = nullValue
    }

    func begin(_ header: ResultHeader) {
        out.add("| " + header.columns.map { MarkdownRenderer.escape($0.name) }.joined(separator: " | ") + " |\n")
        out.add("|" + header.columns.map { $0.type.alignsRight ? " ---: |" : " --- |" }.joined() + "\n")
    }

    func write(_ chunk: RowChunk) {
        for row in chunk.rows {
            out.add("| " + row.map { MarkdownRenderer.escape($0.display ?? nullValue) }.joined(separator: " | ") + " |\n")
        }
    }

    func finish() { out.finish() }
}

extension ResultColumn {
    /// isYear tells a year column, whose numbers are never grouped: 2021, not 2.021.
    var isYear: Bool { ["year", "jaar"].contains(name.lowercased()) }
}
