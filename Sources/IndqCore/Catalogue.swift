// The catalogue: every dataset, built from the data files embedded in the binary (Sources/IndqData).
// Names are found case-insensitively, in Dutch or English, and a miss gets the nearest name as a suggestion.

import IndqData

/// Column is one column of a dataset, defined once in columns.tsv.
public struct Column: Sendable {
    public var name: String
    public var type: ValueType
    public var english: String
    /// Meaning in Dutch and in English, shown by `describe`.
    public var meaningNL: String
    public var meaningEN: String
}

/// RowSource is where one row's figure was printed, for datasets drawn from running text.
public struct RowSource: Sendable {
    public var report: String?
    public var section: String?
    public var line: Int?
    public var sentence: String?
    /// text is the report line `line`, as printed.
    public var text: String?
    /// table is the report table of a row that a union dataset took from another dataset.
    public var table: String?
    /// printed holds, for such a row, the report lines of its columns (see Dataset.printed).
    public var printed: [String: (line: Int, text: String)]?
    /// words is the figure as the report writes it in words (`drie`, `een derde`), where it does.
    public var words: String?
    /// citations are the other places where the report prints the same figure (a `+` line in the data file).
    public var citations: [RowSource] = []
}

/// Dataset is a table of figures with its provenance.
public struct Dataset: Sendable {
    public var name: String
    public var english: String
    public var description: String
    public var report: String
    public var section: String
    public var table: String
    public var notes: [String]
    public var columns: [Column]
    public var rows: [[Value]]
    /// rowSources is parallel to rows where the data file gives a source per row, else empty.
    public var rowSources: [RowSource]
    /// printed holds, for year tables, the report line of each column's figures (`@printed`).
    public var printed: [String: (line: Int, text: String)] = [:]
    /// cumulative holds the report's words when each figure counts from the start (`tot en met`), else nil (`@cumulative`).
    public var cumulative: String? = nil
}

/// Catalogue holds the datasets and answers name look-ups.
public struct Catalogue: Sendable {
    public private(set) var datasets: [Dataset]

    /// builtin is the catalogue of the embedded report figures; it is parsed once, on first use.
    public static let builtin: Catalogue = {
        do {
            return try Catalogue(files: embeddedFiles())
        } catch {
            // The data files are checked by the test suite; a broken one is a build defect, not a user error.
            fatalError("indq's embedded data is invalid: \(error)")
        }
    }()

    /// embeddedFiles returns the data files compiled into the binary, by name.
    static func embeddedFiles() -> [(name: String, text: String)] {
        var count: Int32 = 0
        guard let files = indq_data_files(&count) else { return [] }
        return (0..<Int(count)).map { i in (String(cString: files[i].name), String(cString: files[i].text)) }
    }

    /// init builds a catalogue from data files: columns.tsv and one file per dataset.
    public init(files: [(name: String, text: String)]) throws {
        guard let columnsFile = files.first(where: { $0.name == "columns.tsv" }) else {
            throw DataFileError(file: "columns.tsv", line: 0, message: "missing")
        }
        let columns = try DataFile.parseColumns(columnsFile.text, file: columnsFile.name)
        var datasets: [Dataset] = []
        var unions: [(Int, [String])] = []
        for file in files where file.name != "columns.tsv" && file.name != "glossary.tsv" {
            let parsed = try DataFile.parseDataset(file.text, file: file.name, columns: columns)
            if !parsed.union.isEmpty { unions.append((datasets.count, parsed.union)) }
            datasets.append(parsed.dataset)
        }
        // A union dataset (regulier) takes its rows from others, with their name in its first column.
        for (index, members) in unions {
            var rows: [[Value]] = []
            var sources: [RowSource] = []
            for member in members {
                guard let m = datasets.first(where: { $0.name == member }) else {
                    throw DataFileError(file: datasets[index].name, line: 0, message: "@union names unknown dataset \(member)")
                }
                let names = datasets[index].columns.dropFirst().map(\.name)
                guard names == m.columns.map(\.name) else {
                    throw DataFileError(file: datasets[index].name, line: 0, message: "@union member \(member) has other columns")
                }
                rows += m.rows.map { [.text(member)] + $0 }
                sources += m.rows.map { _ in RowSource(report: m.report, section: m.section, table: m.table, printed: m.printed) }
            }
            datasets[index].rows = rows
            datasets[index].rowSources = sources
        }
        self.datasets = datasets
    }

    /// dataset finds a dataset by its Dutch or English name, ignoring case.
    public func dataset(named name: String) -> Dataset? {
        let key = name.lowercased()
        return datasets.first { $0.name == key || $0.english == key }
    }

    /// allNames lists every dataset name, Dutch and English, for suggestions and completion.
    public var allNames: [String] { datasets.flatMap { [$0.name, $0.english] } }
}

extension Dataset {
    /// columnIndex finds a column by its Dutch or English name, ignoring case; `jaar` is `year`.
    public func columnIndex(named name: String) -> Int? {
        var key = name.lowercased()
        if key == "jaar" { key = "year" }
        return columns.firstIndex { $0.name == key || $0.english == key }
    }

    /// columnNames lists every column name, Dutch and English, for suggestions and completion.
    public var columnNames: [String] { columns.flatMap { [$0.name, $0.english] } }
}

/// suggestion returns the candidate nearest to `name`, if it is near enough to be a likely typo.
public func suggestion(for name: String, among candidates: [String]) -> String? {
    // No name is this long; comparing a megabyte of text with every candidate would take seconds, not help.
    guard name.utf8.count <= 100 else { return nil }
    let key = Array(name.lowercased())
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(key, Array(c.lowercased()))
        if best == nil || d < best!.1 { best = (c, d) }
    }
    guard let (candidate, distance) = best else { return nil }
    let allowed = max(2, min(key.count, candidate.count) / 3)
    // A prefix of at least three letters is also a likely meaning: `stud` → studenten.
    if distance <= allowed || (key.count >= 3 && candidate.lowercased().hasPrefix(String(key))) { return candidate }
    return candidates.first { key.count >= 3 && $0.lowercased().hasPrefix(String(key)) }
}

/// editDistance is the Levenshtein distance between two character arrays.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
