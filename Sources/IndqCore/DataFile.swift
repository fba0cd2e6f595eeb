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

/// DataFile parses the report data files.
enum DataFile {
    /// parseColumns reads columns.tsv: name, type, english, nl, en.
    static func parseColumns(_ text: String, file: String) throws -> [String: Column] {
        var columns: [String: Column] = [:]
        var sawHeader = false
        for (n, line) in lines(text) {
            let f = fields(line)
            if !sawHeader { sawHeader = true; continue }
            guard f.count == 5, let type = ValueType(rawValue: f[1]), type != .null, type != .boolean else {
                throw DataFileError(file: file, line: n, message: "expected name, type, english, nl, en")
            }
            columns[f[0]] = Column(name: f[0], type: type, english: f[2], meaningNL: f[3], meaningEN: f[4])
        }
        return columns
    }

    /// parseDataset reads one dataset file; `union` lists the datasets it joins, if any.
    static func parseDataset(_ text: String, file: String, columns: [String: Column]) throws
        -> (dataset: Dataset, union: [String])
    {
        var props: [String: String] = [:]
        var notes: [String] = []
        var printed: [String: (line: Int, text: String)] = [:]
        var meanings: [String: (nl: String, en: String, line: Int)] = [:]
        var union: [String] = []
        var header: [String]?
        var rows: [[Value]] = []
        var sources: [RowSource] = []
        var dataColumns: [Column] = []
        for (n, line) in lines(text) {
            let f = fields(line)
            if line.hasPrefix("@") {
                guard f.count >= 2 else { throw DataFileError(file: file, line: n, message: "expected a property and a value") }
                let key = String(f[0].dropFirst())
                let value = f[1...].joined(separator: "\t")
                switch key {
                case "note": notes.append(value)
                case "union": union = value.split(separator: " ").map(String.init)
                case "printed":
                    guard f.count == 4, let number = Int(f[2]) else {
                        throw DataFileError(file: file, line: n, message: "expected @printed, a column, a line number and the line's text")
                    }
                    printed[f[1]] = (number, f[3])
                case "meaning":
                    guard f.count == 4, !f[2].isEmpty, !f[3].isEmpty else {
                        throw DataFileError(file: file, line: n, message: "expected @meaning, a column, its meaning in Dutch and in English")
                    }
                    meanings[f[1]] = (f[2], f[3], n)
                default: props[key] = value
                }
                continue
            }
            guard let names = header else {
                header = f
                for name in f where !name.hasPrefix("source.") {
                    guard let c = columns[name] else {
                        throw DataFileError(file: file, line: n, message: "column \(name) is not defined in columns.tsv")
                    }
                    dataColumns.append(c)
                }
                continue
            }
            guard f.count == names.count else {
                throw DataFileError(file: file, line: n, message: "expected \(names.count) fields, found \(f.count)")
            }
            var row: [Value] = []
            var source = RowSource()
            var hasSource = false
            // A row whose first cell is `+` is another place where the report prints the figures of the row above.
            let citation = f[0] == "+"
            if citation && (sources.isEmpty || sources.count != rows.count) {
                throw DataFileError(file: file, line: n, message: "a '+' line adds a citation to the row above, which needs source columns")
            }
            for (i, (name, cell)) in zip(names, f).enumerated() {
                switch name {
                case "source.report": source.report = cell.isEmpty ? nil : cell; hasSource = true
                case "source.section": source.section = cell.isEmpty ? nil : cell; hasSource = true
                case "source.sentence": source.sentence = cell.isEmpty ? nil : cell; hasSource = true
                case "source.line":
                    guard let number = Int(cell) else {
                        throw DataFileError(file: file, line: n, message: "source.line '\(cell)' is not a line number")
                    }
                    source.line = number; hasSource = true
                case "source.text": source.text = cell; hasSource = true
                case "source.words": source.words = cell.isEmpty ? nil : cell; hasSource = true
                case _ where citation:
                    guard i == 0 || cell.isEmpty else {
                        throw DataFileError(file: file, line: n, message: "a '+' line gives only source columns; \(name) must be empty")
                    }
                default:
                    guard let v = parseFigure(cell, as: columns[name]!.type) else {
                        throw DataFileError(file: file, line: n, message: "'\(cell)' is not a valid \(columns[name]!.type.rawValue) for \(name)")
                    }
                    row.append(v)
                }
            }
            if citation {
                sources[sources.count - 1].citations.append(source)
                continue
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
        func prop(_ key: String) throws -> String {
            guard let v = props[key] else { throw DataFileError(file: file, line: 0, message: "missing @\(key)") }
            return v
        }
        let dataset = Dataset(name: try prop("dataset"), english: try prop("english"), description: try prop("description"),
                              report: try prop("report"), section: try prop("section"), table: try prop("table"),
                              notes: notes, columns: dataColumns, rows: rows, rowSources: sources, printed: printed,
                              cumulative: props["cumulative"])
        return (dataset, union)
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

    /// fields splits a line at its tabs, byte by byte (a tab is never part of a longer character).
    static func fields(_ line: Substring) -> [String] {
        line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { String(Substring($0)) }
    }

    /// lines yields the numbered lines that are neither blank nor comments.
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
        case .boolean, .null, .double, .points:
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
