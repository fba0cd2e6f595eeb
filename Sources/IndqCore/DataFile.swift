// Reads the data files of Sources/IndqData (format in its README): tab-separated, figures as the report prints
// them (`42.690`, `578,4`, `82%`), properties on `@` lines, source columns named `source.*`.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// DataFileError says which data file and line is malformed.
public struct DataFileError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// DataFile parses the report data files. It reads their bytes, not Characters: a one-shot `indq -c` parses a data
/// file on its way to the answer, and Character-by-Character parsing cost more than the rest of the statement.
enum DataFile {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// parseColumns reads columns.tsv: name, type, english, nl, en.
    static func parseColumns(_ text: String, file: String) throws -> [String: Column] {
        var text = text
        return try text.withUTF8 { try parseColumns(bytes: $0, file: file) }
    }

    /// parseColumns(bytes:file:) is parseColumns over the file's UTF-8 bytes.
    static func parseColumns(bytes text: Bytes, file: String) throws -> [String: Column] {
        var columns: [String: Column] = [:]
        var sawHeader = false
        try forEachLine(text) { n, line in
            if !sawHeader { sawHeader = true; return }
            let c = try column(line, n, file: file)
            columns[c.name] = c
        }
        return columns
    }

    /// column reads one line of columns.tsv.
    static func column(_ line: Bytes, _ n: Int, file: String) throws -> Column {
        let f = fields(line)
        guard f.count == 5, let type = ValueType(rawValue: string(f[1])), type != .null, type != .boolean else {
            throw DataFileError(file: file, line: n, message: "expected name, type, english, nl, en")
        }
        return Column(name: string(f[0]), type: type, english: string(f[2]), meaningNL: string(f[3]), meaningEN: string(f[4]))
    }

    /// column(named:in:file:) reads only the lines of columns.tsv that define `name` (the last one counts, as in
    /// parseColumns), so that a dataset's first use reads its own few columns, not all of them.
    static func column(named name: String, in text: Bytes, file: String) throws -> Column? {
        var found: Column?
        var sawHeader = false
        var name = name
        try name.withUTF8 { key in
            try forEachLine(text) { n, line in
                if !sawHeader { sawHeader = true; return }
                guard line.count > key.count, line[key.count] == 0x09, memcmp(line.baseAddress!, key.baseAddress!, key.count) == 0
                else { return }
                found = try column(line, n, file: file)
            }
        }
        return found
    }

    /// parseDataset reads one dataset file; `union` lists the datasets it joins, if any.
    static func parseDataset(_ text: String, file: String, columns: [String: Column]) throws
        -> (dataset: Dataset, union: [String])
    {
        var text = text
        return try text.withUTF8 { try parseDataset(bytes: $0, file: file, column: { columns[$0] }) }
    }

    /// Cell is what a header name makes of the cells below it.
    enum Cell {
        case report, section, sentence, line, text, words
        /// data is a column of the dataset, of the given type.
        case data(String, ValueType)
    }

    /// parseDataset(bytes:file:column:) is parseDataset over the file's UTF-8 bytes; `column` finds a column's
    /// definition in columns.tsv.
    static func parseDataset(bytes text: Bytes, file: String, column: (String) throws -> Column?) throws
        -> (dataset: Dataset, union: [String])
    {
        // The properties a dataset reads; any other `@` key is ignored. The last line of each counts.
        var dataset, english, description, report, section, table, cumulative: String?
        var notes: [String] = []
        var printed: [String: (line: Int, text: String)] = [:]
        var meanings: [String: (nl: String, en: String, line: Int)] = [:]
        var union: [String] = []
        var header: [Cell]?
        var rows: [[Value]] = []
        var sources: [RowSource] = []
        var dataColumns: [Column] = []
        try forEachLine(text) { n, line in
            let f = fields(line)
            if startsWith(line, UInt8(ascii: "@")) {
                guard f.count >= 2 else { throw DataFileError(file: file, line: n, message: "expected a property and a value") }
                let key = string(Bytes(rebasing: f[0].dropFirst()))
                // The value is every field after the key, tabs included.
                let value = string(Bytes(rebasing: line[(f[1].baseAddress! - line.baseAddress!)...]))
                switch key {
                case "note": notes.append(value)
                case "union": union = value.split(separator: " ").map(String.init)
                case "printed":
                    guard f.count == 4, let number = Int(string(f[2])) else {
                        throw DataFileError(file: file, line: n, message: "expected @printed, a column, a line number and the line's text")
                    }
                    printed[string(f[1])] = (number, string(f[3]))
                case "meaning":
                    guard f.count == 4, !f[2].isEmpty, !f[3].isEmpty else {
                        throw DataFileError(file: file, line: n, message: "expected @meaning, a column, its meaning in Dutch and in English")
                    }
                    meanings[string(f[1])] = (string(f[2]), string(f[3]), n)
                case "dataset": dataset = value
                case "english": english = value
                case "description": description = value
                case "report": report = value
                case "section": section = value
                case "table": table = value
                case "cumulative": cumulative = value
                default: break
                }
                return
            }
            guard let cells = header else {
                var cells: [Cell] = []
                for field in f {
                    let name = string(field)
                    switch name {
                    case "source.report": cells.append(.report)
                    case "source.section": cells.append(.section)
                    case "source.sentence": cells.append(.sentence)
                    case "source.line": cells.append(.line)
                    case "source.text": cells.append(.text)
                    case "source.words": cells.append(.words)
                    case _ where name.hasPrefix("source."):
                        throw DataFileError(file: file, line: n, message: "\(name) is not a source column")
                    default:
                        guard let c = try column(name) else {
                            throw DataFileError(file: file, line: n, message: "column \(name) is not defined in columns.tsv")
                        }
                        dataColumns.append(c)
                        cells.append(.data(name, c.type))
                    }
                }
                header = cells
                return
            }
            guard f.count == cells.count else {
                throw DataFileError(file: file, line: n, message: "expected \(cells.count) fields, found \(f.count)")
            }
            var row: [Value] = []
            row.reserveCapacity(dataColumns.count)
            var source = RowSource()
            var hasSource = false
            // A row whose first cell is `+` is another place where the report prints the figures of the row above.
            let citation = f[0].count == 1 && f[0][0] == UInt8(ascii: "+")
            if citation && (sources.isEmpty || sources.count != rows.count) {
                throw DataFileError(file: file, line: n, message: "a '+' line adds a citation to the row above, which needs source columns")
            }
            for (i, cell) in f.enumerated() {
                switch cells[i] {
                case .report: source.report = cell.isEmpty ? nil : string(cell); hasSource = true
                case .section: source.section = cell.isEmpty ? nil : string(cell); hasSource = true
                case .sentence: source.sentence = cell.isEmpty ? nil : string(cell); hasSource = true
                case .line:
                    guard let number = Int(string(cell)) else {
                        throw DataFileError(file: file, line: n, message: "source.line '\(string(cell))' is not a line number")
                    }
                    source.line = number; hasSource = true
                case .text: source.text = string(cell); hasSource = true
                case .words: source.words = cell.isEmpty ? nil : string(cell); hasSource = true
                case .data(let name, _) where citation:
                    guard i == 0 || cell.isEmpty else {
                        throw DataFileError(file: file, line: n, message: "a '+' line gives only source columns; \(name) must be empty")
                    }
                case .data(let name, let type):
                    guard let v = parseFigure(bytes: cell, as: type) else {
                        throw DataFileError(file: file, line: n, message: "'\(string(cell))' is not a valid \(type.rawValue) for \(name)")
                    }
                    row.append(v)
                }
            }
            if citation {
                sources[sources.count - 1].citations.append(source)
                return
            }
            rows.append(row)
            if hasSource { sources.append(source) }
        }
        for (name, meaning) in meanings {
            guard let i = dataColumns.firstIndex(where: { $0.name == name }) else {
                throw DataFileError(file: file, line: meaning.line, message: "@meaning for \(name), which is not a column of this dataset")
            }
            dataColumns[i].meaningNL = meaning.nl
            dataColumns[i].meaningEN = meaning.en
        }
        func prop(_ value: String?, _ key: String) throws -> String {
            guard let value else { throw DataFileError(file: file, line: 0, message: "missing @\(key)") }
            return value
        }
        let parsed = Dataset(name: try prop(dataset, "dataset"), english: try prop(english, "english"),
                              description: try prop(description, "description"), report: try prop(report, "report"),
                              section: try prop(section, "section"), table: try prop(table, "table"),
                              notes: notes, columns: dataColumns, rows: rows, rowSources: sources, printed: printed,
                              cumulative: cumulative)
        return (parsed, union)
    }

    /// forEachLine calls `body` with each numbered line (1-based, a CR before the LF dropped) that is neither blank
    /// nor a comment, as `lines` yields them.
    static func forEachLine(_ text: Bytes, _ body: (Int, Bytes) throws -> Void) throws {
        guard let base = text.baseAddress else { return }
        var start = 0
        var n = 0
        while start <= text.count {
            n += 1
            var end = text.count
            if let found = memchr(base + start, 0x0A, text.count - start) { end = UnsafeRawPointer(found) - UnsafeRawPointer(base) }
            var line = Bytes(rebasing: text[start..<end])
            if line.last == 0x0D { line = Bytes(rebasing: line.dropLast()) }
            start = end + 1
            if line.isEmpty || startsWith(line, UInt8(ascii: "#")) { continue }
            try body(n, line)
        }
    }

    /// startsWith tells whether the line's first Character is the ASCII `byte`, as `hasPrefix` does: a combining mark
    /// after it makes another Character.
    static func startsWith(_ line: Bytes, _ byte: UInt8) -> Bool {
        guard line.first == byte else { return false }
        guard line.count > 1, line[1] >= 0x80 else { return true }
        return string(line).first == Character(Unicode.Scalar(byte))
    }

    /// fields splits a line at its tabs (a tab is never part of a longer character).
    static func fields(_ line: Bytes) -> [Bytes] {
        var out: [Bytes] = []
        var start = 0
        for i in line.indices where line[i] == 0x09 {
            out.append(Bytes(rebasing: line[start..<i]))
            start = i + 1
        }
        out.append(Bytes(rebasing: line[start...]))
        return out
    }

    /// string decodes a field, replacing invalid UTF-8 as String(cString:) does.
    static func string(_ bytes: Bytes) -> String { String(decoding: bytes, as: UTF8.self) }

    /// parseFigure(bytes:as:) is parseFigure over a cell's bytes. A figure of plain ASCII digits, `.` groups, a `,`
    /// and a `%` (what the data files hold) is read from the bytes; any other cell goes through parseFigure.
    static func parseFigure(bytes cell: Bytes, as type: ValueType) -> Value? {
        if cell.isEmpty { return .null }
        if type == .text { return .text(string(cell)) }
        guard let figure = Figure(cell) else { return parseFigure(string(cell), as: type) }
        switch type {
        case .integer:
            guard !figure.percent, figure.fraction == nil else { return nil }
            return figure.integer.map { .integer($0) }
        case .percentage:
            guard figure.percent else { return nil }
            return figure.decimal(shift: 2).map { .percentage($0) }
        case .decimal:
            guard !figure.percent else { return nil }
            return figure.decimal(shift: 0).map { .decimal($0) }
        case .number:
            if figure.percent { return figure.decimal(shift: 2).map { .percentage($0) } }
            if figure.fraction != nil { return figure.decimal(shift: 0).map { .decimal($0) } }
            return figure.integer.map { .integer($0) }
        case .text, .boolean, .null, .double, .points, .date:
            return nil
        }
    }

    /// Figure is a cell of the form `-?D+(.DDD)*(,D+)?%?` in ASCII, with at most 18 digits before the comma and 30 in
    /// all: a figure as the report prints it, whose value parseFigure would read the same way.
    struct Figure {
        var negative: Bool
        /// whole and fraction are the digits before and after the decimal comma, without the thousands dots.
        var whole: Int128
        var wholeDigits: Int
        var fraction: (value: Int128, digits: Int)?
        var percent: Bool

        init?(_ cell: Bytes) {
            var i = 0
            let end = cell.last == UInt8(ascii: "%") ? cell.count - 1 : cell.count
            percent = end < cell.count
            negative = i < end && cell[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            whole = 0
            wholeDigits = 0
            // The digits since the last dot; -1 in the first group, which may have any length but not none.
            var group = -1
            while i < end && cell[i] != UInt8(ascii: ",") {
                let b = cell[i]
                if b == UInt8(ascii: ".") {
                    guard group == -1 ? wholeDigits > 0 : group == 3 else { return nil }
                    group = 0
                } else {
                    guard isDigit(b), wholeDigits < 18 else { return nil }
                    whole = whole * 10 + Int128(b - 0x30)
                    wholeDigits += 1
                    if group >= 0 { group += 1 }
                }
                i += 1
            }
            guard wholeDigits > 0, group == -1 || group == 3 else { return nil }
            fraction = nil
            if i < end {
                i += 1
                var value: Int128 = 0
                var digits = 0
                while i < end {
                    guard isDigit(cell[i]), wholeDigits + digits < 30 else { return nil }
                    value = value * 10 + Int128(cell[i] - 0x30)
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                fraction = (value, digits)
            }
        }

        /// integer is the figure as a whole number, nil when it does not fit 64 bits.
        var integer: Int64? {
            let v = negative ? -whole : whole
            return v >= Int128(Int64.min) && v <= Int128(Int64.max) ? Int64(v) : nil
        }

        /// decimal is the figure moved `shift` places left, as DecimalValue.parse reads `whole.fraction`.
        func decimal(shift: Int) -> DecimalValue? {
            var units = whole
            var scale = shift
            if let fraction {
                for _ in 0..<fraction.digits { units *= 10 }
                units += fraction.value
                scale += fraction.digits
            }
            return DecimalValue(units: negative ? -units : units, scale: scale,
                                width: shift == 0 ? wholeDigits + (fraction?.digits ?? 0) : nil)
        }
    }

    /// names reads a dataset file's `@dataset` and `@english` values from its NUL-terminated bytes without parsing
    /// the rest, as parseDataset would read them (the last line of each wins).
    static func names(_ text: UnsafePointer<UInt8>) -> (name: String?, english: String?) {
        var name: String?
        var english: String?
        let count = Int(strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
        var start = 0
        while start < count {
            var end = count
            if let found = memchr(text + start, 0x0A, count - start) { end = UnsafeRawPointer(found) - UnsafeRawPointer(text) }
            // Only `@` lines matter; this runs for every embedded file at start-up, so it compares bytes.
            if text[start] == UInt8(ascii: "@") {
                var line = UnsafeBufferPointer(start: text + start, count: end - start)
                if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
                if let value = value(line, after: "@dataset\t") { name = value }
                if let value = value(line, after: "@english\t") { english = value }
            }
            start = end + 1
        }
        return (name, english)
    }

    /// value returns the rest of `line` after `key`, or nil when the line does not start with it.
    private static func value(_ line: UnsafeBufferPointer<UInt8>, after key: StaticString) -> String? {
        let count = key.utf8CodeUnitCount
        guard line.count >= count, memcmp(line.baseAddress!, key.utf8Start, count) == 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: line[count...]), as: UTF8.self)
    }

    /// lines yields the numbered lines that are neither blank nor comments (glossary.tsv is read this way).
    static func lines(_ text: String) -> [(Int, Substring)] {
        var out: [(Int, Substring)] = []
        for (i, line) in text.lineList.enumerated() {
            let l = line[...]
            if l.isEmpty || l.hasPrefix("#") { continue }
            out.append((i + 1, l))
        }
        return out
    }

    /// parseFigure reads a figure as the report prints it: `12.345` is 12345, `578,4` is 578.4, `82%` is 0.82.
    static func parseFigure(_ cell: String, as type: ValueType) -> Value? {
        if cell.isEmpty { return .null }
        switch type {
        case .text: return .text(cell)
        case .integer:
            return parseDutchInteger(cell).map { .integer($0) }
        case .percentage:
            guard cell.hasSuffix("%") else { return nil }
            return parseDutchDecimal(String(cell.dropLast()), shift: 2).map { .percentage($0) }
        case .decimal:
            return parseDutchDecimal(cell, shift: 0).map { .decimal($0) }
        case .number:
            if cell.hasSuffix("%") { return parseFigure(cell, as: .percentage) }
            if cell.contains(",") { return parseFigure(cell, as: .decimal) }
            return parseFigure(cell, as: .integer)
        case .boolean, .null, .double, .points, .date:
            return nil
        }
    }

    /// parseDutchInteger reads `-26.287` as -26287; each group after a '.' must have three digits.
    static func parseDutchInteger(_ s: String) -> Int64? {
        guard s.utf8.contains(UInt8(ascii: ".")) else { return Int64(s) }
        var digits: [UInt8] = []
        // The length of the group after the last '.'; -1 in the first group, which may have any length.
        var group = -1
        for b in s.utf8 {
            if b == UInt8(ascii: ".") {
                guard group == -1 || group == 3 else { return nil }
                group = 0
            } else {
                digits.append(b)
                if group >= 0 { group += 1 }
            }
        }
        guard group == -1 || group == 3 else { return nil }
        return Int64(String(decoding: digits, as: UTF8.self))
    }

    /// parseDutchDecimal reads `578,4` (or `1.234,5`) and divides it by 10^shift exactly.
    static func parseDutchDecimal(_ s: String, shift: Int) -> DecimalValue? {
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, parseDutchInteger(String(parts[0])) != nil else { return nil }
        var text = parts[0].replacingAll(".", with: "")
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isNumber) else { return nil }
            text += "." + parts[1]
        }
        return DecimalValue.parse(text, shift: shift)
    }
}

extension Substring {
    func replacingAll(_ target: String, with replacement: String) -> String { String(self).replacingAll(target, with: replacement) }
}
