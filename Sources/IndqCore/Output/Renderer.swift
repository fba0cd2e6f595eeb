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

    public init(maxWidth: Int? = nil, color: Bool = false, numbers: NumberStyle = .plain) {
        self.maxWidth = maxWidth
        self.color = color
        self.numbers = numbers
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

    /// render writes a result in this format.
    public func render(_ result: ResultSet, options: RenderOptions = RenderOptions()) -> String {
        collected { render(result, options: options, write: $0) }
    }

    /// render writes a result in this format through `write`. csv, json and markdown write it in pieces as the rows
    /// go by, so that a long result is never held a second time as text; a table or chart is written whole, since it
    /// measures all its rows first (and a table shows at most Limits.maxTableRows).
    public func render(_ result: ResultSet, options: RenderOptions = RenderOptions(), write: (String) -> Void) {
        switch self {
        case .table: write(TableRenderer(options: options).render(result))
        case .bar: write(BarChart(options: options).render(result))
        case .spark: write(SparkChart(options: options).render(result))
        case .csv: CSVRenderer.render(result.withQualifierColumn, write: write)
        case .json: JSONRenderer.render(result.withQualifierColumn, write: write)
        case .markdown: MarkdownRenderer.render(result, write: write)
        }
    }
}

/// collected is the text that `render` writes, as one string.
func collected(_ render: ((String) -> Void) -> Void) -> String {
    var out = ""
    render { out += $0 }
    return out
}

/// PieceWriter gathers text and hands it on in pieces of about 64 KiB.
struct PieceWriter: ~Copyable {
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
    consuming func finish() {
        if !piece.isEmpty { write(piece) }
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

    /// render draws the result; past Limits.maxTableRows rows it says how many more there are.
    public func render(_ result: ResultSet) -> String {
        guard result.rows.count <= Limits.maxTableRows else {
            var shown = result
            shown.rows = Array(result.rows.prefix(Limits.maxTableRows))
            if !shown.qualifiers.isEmpty { shown.qualifiers = Array(result.qualifiers.prefix(Limits.maxTableRows)) }
            var text = render(shown)
            text += "… and \(result.rows.count - Limits.maxTableRows) more rows, \(result.rows.count) in all "
                + "(a table shows at most \(Limits.maxTableRows) rows; --format csv or json writes every row)\n"
            return text
        }
        let headers = result.columns.map { DisplayWidth.printable($0.name) }
        // An approximate figure reads `~20000`, explained under the table.
        let cells = result.rows.enumerated().map { r, row in
            row.enumerated().map { c, v in
                (r < result.qualifiers.count && c < result.qualifiers[r].count && result.qualifiers[r][c] != nil ? "~" : "")
                    + DisplayWidth.printable((result.columns[c].isYear ? v.display : options.numbers.format(v)) ?? "NULL")
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
        out += row(headers, style: { _ in ANSI.bold }) { result.columns[$0].type.alignsRight }
        out += line("├", "┼", "┤")
        for (r, values) in cells.enumerated() {
            out += row(values, style: { result.rows[r][$0].isNull ? ANSI.dim : nil }) {
                result.columns[$0].type.alignsRight || result.rows[r][$0].asDouble != nil
            }
        }
        out += line("└", "┴", "┘")
        out += result.rows.count == 1 ? "1 row\n" : "\(result.rows.count) rows\n"
        let words = Set(result.qualifiers.flatMap { $0.compactMap { $0 } })
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

/// CSVRenderer writes RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they need it, null empty.
public enum CSVRenderer {
    public static func render(_ result: ResultSet) -> String { collected { render(result, write: $0) } }

    /// render writes the csv through `write`, in pieces.
    public static func render(_ result: ResultSet, write: (String) -> Void) {
        withoutActuallyEscaping(write) { write in
            var out = PieceWriter(write)
            out.add(result.columns.map { field($0.name) }.joined(separator: ",") + "\r\n")
            for row in result.rows {
                out.add(row.map { field(text($0)) }.joined(separator: ",") + "\r\n")
            }
            out.finish()
        }
    }

    /// text is a value as csv writes it: as displayed, except percentage points, which are written as the fraction
    /// (6 pp as 0.06), the number DuckDB and spreadsheets compute with.
    static func text(_ v: Value) -> String {
        if case .points(let d) = v { return d.trimmed.description }
        return v.display ?? ""
    }

    /// field quotes a value that holds a comma, a quote or a line break, doubling its quotes.
    static func field(_ s: String) -> String {
        guard s.containsScalar(in: [",", "\"", "\n", "\r"]) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}

/// JSONRenderer writes an array of objects, one per row. Decimals are exact; percentages and percentage points are
/// numbers: the fraction, as stored.
public enum JSONRenderer {
    public static func render(_ result: ResultSet) -> String { collected { render(result, write: $0) } }

    /// render writes the json through `write`, in pieces.
    public static func render(_ result: ResultSet, write: (String) -> Void) {
        if result.rows.isEmpty { return write("[]\n") }
        let keys = result.columns.map { string($0.name) }
        withoutActuallyEscaping(write) { write in
            var out = PieceWriter(write)
            out.add("[\n")
            for (r, row) in result.rows.enumerated() {
                out.add("  {" + zip(keys, row).map { "\($0): \(value($1))" }.joined(separator: ", ") + "}"
                        + (r == result.rows.count - 1 ? "\n" : ",\n"))
            }
            out.add("]\n")
            out.finish()
        }
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
        }
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

/// MarkdownRenderer writes a GitHub-style pipe table, numbers right-aligned.
public enum MarkdownRenderer {
    public static func render(_ result: ResultSet) -> String { collected { render(result, write: $0) } }

    /// render writes the table through `write`, in pieces.
    public static func render(_ result: ResultSet, write: (String) -> Void) {
        func escape(_ s: String) -> String { DisplayWidth.printable(s).replacingAll("|", with: "\\|") }
        withoutActuallyEscaping(write) { write in
            var out = PieceWriter(write)
            out.add("| " + result.columns.map { escape($0.name) }.joined(separator: " | ") + " |\n")
            out.add("|" + result.columns.map { $0.type.alignsRight ? " ---: |" : " --- |" }.joined() + "\n")
            for row in result.rows {
                out.add("| " + row.map { escape($0.display ?? "NULL") }.joined(separator: " | ") + " |\n")
            }
            out.finish()
        }
    }
}

extension ResultSet {
    /// withQualifierColumn adds a `kwalificatie` column when a result shows `bron` and qualified figures but not
    /// their qualifier, so that csv and json, which have no `~` mark, still carry it.
    var withQualifierColumn: ResultSet {
        let names = Set(columns.map { $0.name.lowercased() })
        guard !qualifiers.isEmpty, !names.contains("kwalificatie"), !names.isDisjoint(with: sourceRefNames) else { return self }
        var out = self
        out.columns.append(ResultColumn("kwalificatie", .text))
        for r in out.rows.indices {
            // The column holds the report's own word; a computed value has none.
            out.rows[r].append(qualifiers[r].compactMap { $0 }.first { $0 != computedQualifier }.map(Value.text) ?? .null)
        }
        return out
    }
}

extension ResultColumn {
    /// isYear tells a year column, whose numbers are never grouped: 2021, not 2.021.
    var isYear: Bool { ["year", "jaar"].contains(name.lowercased()) }
}
