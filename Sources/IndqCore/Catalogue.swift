// The catalogue: every dataset, built from the data files embedded in the binary (Sources/IndqData).
// Names are found case-insensitively, in Dutch or English, and a miss gets the nearest name as a suggestion.

import IndqData
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// file is the CSV file, as the query names it, whose lines are the rows; nil for the reports' datasets. A row
    /// of a file is placed by its line number.
    public var file: String? = nil
}

/// Catalogue holds the datasets and answers name look-ups. The built-in one parses a data file only when a statement
/// first needs its dataset, so that a one-shot `indq -c` over one dataset does not pay for all of them.
public struct Catalogue: Sendable {
    /// Entry is what a look-up needs before its dataset is parsed.
    struct Entry: Sendable {
        var name: String
        var english: String
    }

    let entries: [Entry]
    let store: Store
    /// sessionDatasets are the tables and views made during the session, in the order they were made.
    public internal(set) var sessionDatasets: [SessionDataset] = []

    /// datasets lists every dataset in catalogue order; it parses the data files not parsed yet.
    public var datasets: [Dataset] { entries.indices.map { store.dataset(at: $0) } }

    /// builtin is the catalogue of the embedded report figures; each data file is parsed on first use.
    public static let builtin = Catalogue(lazy: builtinFiles())

    /// isDatasetFile tells a dataset's file from the other embedded files: columns.tsv, the glossary, the lessons.
    static func isDatasetFile(_ name: String) -> Bool {
        name.hasSuffix(".tsv") && !name.contains("/") && name != "columns.tsv" && name != "glossary.tsv"
    }

    /// builtinFiles returns the embedded data files as the C data holds them, without copying their text.
    static func builtinFiles() -> [EmbeddedFile] {
        var count: Int32 = 0
        guard let files = indq_data_files(&count) else { return [] }
        return (0..<Int(count)).map { i in EmbeddedFile(name: String(cString: files[i].name), text: files[i].text) }
    }

    /// embeddedFiles returns the data files compiled into the binary, by name.
    static func embeddedFiles() -> [(name: String, text: String)] {
        var count: Int32 = 0
        guard let files = indq_data_files(&count) else { return [] }
        return (0..<Int(count)).map { i in (String(cString: files[i].name), String(cString: files[i].text)) }
    }

    /// init builds a catalogue from data files, columns.tsv and one file per dataset, and parses them all at once,
    /// so that a malformed file is an error here.
    public init(files: [(name: String, text: String)]) throws {
        guard let columnsFile = files.first(where: { $0.name == "columns.tsv" }) else {
            throw DataFileError(file: "columns.tsv", line: 0, message: "missing")
        }
        let columns = try DataFile.parseColumns(columnsFile.text, file: columnsFile.name)
        var parsed: [(dataset: Dataset, union: [String])] = []
        for file in files where Catalogue.isDatasetFile(file.name) {
            parsed.append(try DataFile.parseDataset(file.text, file: file.name, columns: columns))
        }
        entries = parsed.map { Entry(name: $0.dataset.name, english: $0.dataset.english) }
        let datasets = try parsed.map { try Catalogue.joined($0, members: { name in parsed.first { $0.dataset.name == name }?.dataset }) }
        store = Store(parsed: datasets)
    }

    /// EmbeddedFile is a data file as compiled into the binary: a NUL-terminated UTF-8 text.
    struct EmbeddedFile: @unchecked Sendable {
        var name: String
        var text: UnsafePointer<CChar>

        /// bytes is the text without its NUL.
        var bytes: DataFile.Bytes {
            UnsafeBufferPointer(start: UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self), count: strlen(text))
        }
    }

    /// init(lazy:) indexes the embedded files by the names on their `@dataset` and `@english` lines, and parses a
    /// file the first time its dataset is asked for.
    init(lazy files: [EmbeddedFile]) {
        let columnsFile = files.first { $0.name == "columns.tsv" }
        let datasetFiles = files.filter { Catalogue.isDatasetFile($0.name) }
        var entries: [Entry] = []
        for file in datasetFiles {
            let (name, english) = DataFile.names(UnsafeRawPointer(file.text).assumingMemoryBound(to: UInt8.self))
            entries.append(Entry(name: name ?? file.name, english: english ?? file.name))
        }
        self.entries = entries
        let names = entries
        store = Store(count: entries.count) { index, store in
            guard let columnsFile else { throw DataFileError(file: "columns.tsv", line: 0, message: "missing") }
            let file = datasetFiles[index]
            // Only the columns.tsv lines of this dataset's columns are read.
            let parsed = try DataFile.parseDataset(bytes: file.bytes, file: file.name, column: { name in
                try DataFile.column(named: name, in: columnsFile.bytes, file: "columns.tsv")
            })
            return try Catalogue.joined(parsed, members: { name in
                names.firstIndex { $0.name == name }.map { store.dataset(at: $0) }
            })
        }
    }

    /// joined fills a union dataset (regulier), which takes its rows from others with their name in its first column.
    static func joined(_ parsed: (dataset: Dataset, union: [String]), members: (String) -> Dataset?) throws -> Dataset {
        var dataset = parsed.dataset
        guard !parsed.union.isEmpty else { return dataset }
        var rows: [[Value]] = []
        var sources: [RowSource] = []
        for member in parsed.union {
            guard let m = members(member), m.name != dataset.name else {
                throw DataFileError(file: dataset.name, line: 0, message: "@union names unknown dataset \(member)")
            }
            let names = dataset.columns.dropFirst().map(\.name)
            guard names == m.columns.map(\.name) else {
                throw DataFileError(file: dataset.name, line: 0, message: "@union member \(member) has other columns")
            }
            rows += m.rows.map { [.text(member)] + $0 }
            sources += m.rows.map { _ in RowSource(report: m.report, section: m.section, table: m.table, printed: m.printed) }
        }
        dataset.rows = rows
        dataset.rowSources = sources
        return dataset
    }

    /// dataset finds a dataset by its Dutch or English name, ignoring case: a report dataset, or the columns of a
    /// session dataset (with the rows of a table).
    public func dataset(named name: String) -> Dataset? {
        reportDataset(named: name) ?? sessionDataset(named: name)?.dataset
    }

    /// reportDataset finds a dataset of the reports by its Dutch or English name, ignoring case.
    public func reportDataset(named name: String) -> Dataset? {
        let key = name.lowercased()
        return entries.firstIndex { $0.name == key || $0.english == key }.map { store.dataset(at: $0) }
    }

    /// sessionDataset finds a table or view of the session by its name, ignoring case.
    public func sessionDataset(named name: String) -> SessionDataset? {
        let key = name.lowercased()
        return sessionDatasets.first { $0.name.lowercased() == key }
    }

    /// allNames lists every dataset name, Dutch and English, and the session's, for suggestions and completion.
    public var allNames: [String] { entries.flatMap { [$0.name, $0.english] } + sessionDatasets.map(\.name) }

    /// add keeps a session dataset. A name of the reports is refused, since the new dataset would hide it; an
    /// existing session dataset of the name is replaced only when `replace` allows it.
    mutating func add(_ new: SessionDataset, replace: Bool, at range: SourceRange) throws {
        if let report = reportDataset(named: new.name) {
            let which = report.name == new.name.lowercased() ? "a dataset of the reports" : "the name of the report dataset \(report.name)"
            throw Diagnostic("'\(new.name)' is \(which); a \(new.kind.word) of that name would hide it",
                             at: range, notes: ["choose another name, such as my_\(new.name.lowercased())"])
        }
        if let i = sessionDatasets.firstIndex(where: { $0.name.lowercased() == new.name.lowercased() }) {
            let old = sessionDatasets[i]
            guard replace, old.kind == new.kind else {
                throw Diagnostic("\(old.kind.word) '\(old.name)' already exists", at: range,
                                 notes: [replace ? "drop the \(old.kind.word) first: DROP \(old.kind.sqlKind.rawValue) \(old.name)"
                                                 : "CREATE OR REPLACE \(new.kind.sqlKind.rawValue) replaces it, or DROP \(old.kind.sqlKind.rawValue) \(old.name) drops it"])
            }
            sessionDatasets[i] = new
        } else {
            sessionDatasets.append(new)
        }
    }

    /// drop removes a session dataset of the kind. It says so when the name is a report dataset or of another kind.
    mutating func drop(_ kind: SessionDatasetKind, named name: Name, ifExists: Bool) throws {
        if let report = reportDataset(named: name.text) {
            throw Diagnostic("\(report.name) is a dataset of the reports, which cannot be dropped", at: name.range)
        }
        guard let i = sessionDatasets.firstIndex(where: { $0.name.lowercased() == name.text.lowercased() }) else {
            if ifExists { return }
            var notes: [String] = []
            if let s = suggestion(for: name.text, among: sessionDatasets.map(\.name)) { notes.append("did you mean \(s)?") }
            notes.append(sessionDatasets.isEmpty ? "this session has made no tables or views" : "show datasets lists them")
            throw Diagnostic("no \(kind.rawValue.lowercased()) named '\(name.text)'", at: name.range, notes: notes)
        }
        guard sessionDatasets[i].kind.sqlKind == kind else {
            let other = sessionDatasets[i].kind.sqlKind.rawValue
            throw Diagnostic("'\(sessionDatasets[i].name)' is a \(other.lowercased()), not a \(kind.rawValue.lowercased())",
                             at: name.range, notes: ["DROP \(other) \(sessionDatasets[i].name) drops it"])
        }
        sessionDatasets.remove(at: i)
    }
}

/// SessionDataset is a dataset made during the session: a table, whose rows are held in memory, or a view, whose
/// query runs each time a statement reads it. Both last until the session ends.
public struct SessionDataset: Sendable {
    public enum Kind: Sendable {
        case table
        /// view keeps its query with the text it was written in, which its places refer to.
        case view(Query, SourceText)

        /// sqlKind is the word CREATE and DROP use for it.
        var sqlKind: SessionDatasetKind {
            if case .view = self { return .view }
            return .table
        }

        /// word is how messages name it.
        var word: String { sqlKind.rawValue.lowercased() }

        static func == (a: Kind, b: Kind) -> Bool { a.sqlKind == b.sqlKind }
    }

    public var name: String { dataset.name }
    public var kind: Kind
    /// dataset holds the columns, and for a table the rows; its `report` is empty, since the session made it.
    public var dataset: Dataset
    /// origin says where it came from, for `show datasets`: the query, or the file it was imported from.
    public var origin: String
}

/// Store keeps the parsed datasets of a catalogue, parsing each on first use; it is shared by the copies of a
/// catalogue and safe to use from several threads.
final class Store: Sendable {
    private let slots: Mutex<[Dataset?]>
    private let parse: @Sendable (Int, Store) throws -> Dataset

    init(count: Int, parse: @escaping @Sendable (Int, Store) throws -> Dataset) {
        slots = Mutex(Array(repeating: nil, count: count))
        self.parse = parse
    }

    init(parsed: [Dataset]) {
        slots = Mutex(parsed)
        parse = { index, _ in preconditionFailure("dataset \(index) was parsed at init") }
    }

    /// parsedCount is how many datasets have been parsed so far.
    var parsedCount: Int { slots.withLock { $0.count { $0 != nil } } }

    /// dataset returns dataset `index`, parsing it the first time. Two threads may both parse it; both get the
    /// same figures. The lock is not held while parsing, since a union dataset asks for its members.
    func dataset(at index: Int) -> Dataset {
        if let d = slots.withLock({ $0[index] }) { return d }
        do {
            let d = try parse(index, self)
            slots.withLock { $0[index] = d }
            return d
        } catch {
            // The data files are checked by the test suite; a broken one is a build defect, not a user error.
            fatalError("indq's embedded data is invalid: \(error)")
        }
    }
}

extension Dataset {
    /// columnIndex finds a column by its Dutch or English name, ignoring case; `jaar` is `year`.
    public func columnIndex(named name: String) -> Int? {
        let key = name.lowercased()
        // A file's header may say jaar itself; only a dataset without such a column reads it as year.
        if let i = columns.firstIndex(where: { $0.name.lowercased() == key || $0.english.lowercased() == key }) { return i }
        return key == "jaar" ? columns.firstIndex { $0.name == "year" } : nil
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
