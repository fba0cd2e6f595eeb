// A CSV file as a table: CSVFile.open sniffs the file's layout (or takes it from read_csv's options), and the table
// reads the file anew, a batch at a time, each time a query scans it. Nothing of the file is held between scans.

import Glibc

/// FileScanStats counts what ignore_errors left out during a scan, for the note after the result.
public final class FileScanStats: @unchecked Sendable {
    public var skipped = 0
    public var first: CSVError?
}

/// FileTable is a CSV file read as a table.
public struct FileTable: Table {
    public let path: String
    public let layout: CSVLayout
    public let ignoreErrors: Bool
    public let schema: Dataset
    public let stats = FileScanStats()
    /// range is where the statement names the file, for the note on skipped rows.
    public var range = SourceRange(0, 0)
    /// used tells which columns a query reads; the others are not decoded. nil decodes every column.
    public var used: [Bool]?
    public var name: String { schema.name }
    public var knownRowCount: Int? { nil }
    public var dataset: Dataset? { nil }

    init(path: String, layout: CSVLayout, ignoreErrors: Bool) {
        self.path = path
        self.layout = layout
        self.ignoreErrors = ignoreErrors
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var schema = Dataset(name: base, english: base, description: "the file \(path)", report: "", section: "", table: "",
                         notes: [],
                         columns: layout.columns.map { c in
                             Column(name: c.name, type: c.type.valueType, english: c.name, meaningNL: "kolom uit \(base)",
                                    meaningEN: "column of \(base)")
                         },
                         rows: [], rowSources: [])
        schema.file = path
        self.schema = schema
    }

    public func forEachBatch(_ body: (Batch) throws -> Bool) throws {
        if onlineCores > 1 { return try forEachBatchOnOtherThreads(body) }
        try forEachBatchOnThisThread(body)
    }

    /// forEachBatchOnThisThread reads and decodes the file on the thread that runs the query.
    func forEachBatchOnThisThread(_ body: (Batch) throws -> Bool) throws {
        let reader = try CSVReader(path: path, layout: layout, ignoreErrors: ignoreErrors)
        reader.used = used
        defer { count(reader.skipped, reader.firstSkipped) }
        while let batch = try reader.next() {
            try Cancellation.checkpoint()
            guard try body(batch) else { return }
        }
    }

    func count(_ skipped: Int, _ first: CSVError?) {
        stats.skipped += skipped
        if stats.first == nil { stats.first = first }
    }

    /// forEachBatchOnOtherThreads reads the file on threads of their own, a few batches ahead of `body`: one splits
    /// records out of the file, another decodes them, so that both cores share the work beside the query's. Each
    /// pipe keeps file order, so the first bad record in the file is the error, and ignore_errors counts in order.
    func forEachBatchOnOtherThreads(_ body: (Batch) throws -> Bool) throws {
        let records = BatchPipe<SplitItem>(capacity: 4)
        let batches = BatchPipe<Batch>(capacity: 4)
        let (path, layout, ignoreErrors, used) = (self.path, self.layout, self.ignoreErrors, self.used)
        let splitter = ReaderThread {
            do {
                let reader = try CSVReader(path: path, layout: layout, ignoreErrors: ignoreErrors)
                reader.onSkipped = { _ = records.put(.batch(.skipped($0))) }
                while let split = try reader.nextSplit() {
                    guard records.put(.batch(.records(split))) else { return }
                }
                _ = records.put(.end(skipped: 0, first: nil))
            } catch {
                _ = records.put(.failure(error))
            }
        }
        let decoder = ReaderThread {
            let decoder = CSVBatchDecoder(path: path, layout: layout, ignoreErrors: ignoreErrors)
            decoder.used = used
            defer { records.stop() }
            while let item = records.take() {
                switch item {
                case .batch(.records(let split)):
                    do {
                        if let batch = try decoder.decode(split) {
                            guard batches.put(.batch(batch)) else { return }
                        }
                    } catch {
                        _ = batches.put(.failure(error))
                        return
                    }
                case .batch(.skipped(let e)):
                    decoder.noteSkipped(e)
                case .end:
                    _ = batches.put(.end(skipped: decoder.skipped, first: decoder.firstSkipped))
                    return
                case .failure(let error):
                    _ = batches.put(.failure(error))
                    return
                }
            }
        }
        guard splitter.start() else { return try forEachBatchOnThisThread(body) }
        guard decoder.start() else {
            // Without a second thread the file is read on this one.
            records.stop()
            splitter.join()
            return try forEachBatchOnThisThread(body)
        }
        defer {
            batches.stop()
            records.stop()
            decoder.join()
            splitter.join()
        }
        while true {
            try Cancellation.checkpoint()
            switch batches.take() {
            case .batch(let batch):
                guard try body(batch) else { return }
            case .end(let skipped, let first):
                count(skipped, first)
                return
            case .failure(let error):
                throw error
            case nil:
                return
            }
        }
    }
}

/// SplitItem is what the splitting thread hands the decoder: records, or one that ignore_errors left out.
enum SplitItem {
    case records(SplitRecords)
    case skipped(CSVError)
}

/// CSVFile opens CSV files.
public enum CSVFile {
    /// sampleBytes is how much of a file the sniffer reads at most.
    static let sampleBytes = 8 << 20

    /// open sniffs a file's layout, with read_csv's options where they are given, and returns it as a table.
    public static func open(path: String, options: CSVOptions = CSVOptions()) throws -> FileTable {
        var options = options
        let lower = path.lowercased()
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tsv.gz") || lower.hasSuffix(".tab") { options.preferTab = true }
        let (sample, atEnd) = try readSample(path)
        let layout: CSVLayout
        do {
            layout = try CSVSniffer.sniff(bytes: sample, atEnd: atEnd, options: options)
        } catch let e as CSVEncodingError {
            throw encodingError(path, sample, e.offset)
        }
        return FileTable(path: path, layout: layout, ignoreErrors: options.ignoreErrors)
    }

    /// readSample reads the first bytes of a file, inflated when it is gzip; with whether they are all of it.
    static func readSample(_ path: String) throws -> ([UInt8], Bool) {
        let (source, _, _) = try CSVFileHandle.open(path)
        defer { source.close() }
        // The buffer starts small and doubles, so that a small file costs only its own size.
        var bytes = [UInt8](repeating: 0, count: min(sampleBytes, 64 << 10))
        var n = 0
        var atEnd = false
        while n < sampleBytes {
            if n == bytes.count { bytes += repeatElement(0, count: min(bytes.count, sampleBytes - bytes.count)) }
            let got = try bytes.withUnsafeMutableBufferPointer { p in
                try source.read(into: p.baseAddress! + n, count: min(p.count - n, 1 << 20))
            }
            if got == 0 { atEnd = true; break }
            n += got
        }
        bytes.removeSubrange(n...)
        return (bytes, atEnd)
    }

    /// encodingError is the error for a byte that is not UTF-8, shown in its line.
    static func encodingError(_ path: String, _ bytes: [UInt8], _ offset: Int) -> CSVError {
        var line = 1, ls = 0
        for i in 0..<offset where bytes[i] == UInt8(ascii: "\n") { line += 1; ls = i + 1 }
        var le = offset
        while le < bytes.count && bytes[le] != UInt8(ascii: "\n") && bytes[le] != UInt8(ascii: "\r") { le += 1 }
        var column = 1
        for i in ls..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
        let text = bytes.withUnsafeBufferPointer { p in
            CSVDecoding.text(p, ls, min(le, ls + 4096), escaped: false, quote: 0, escape: 0, encoding: .latin1)
        }
        return CSVError("the file is not valid UTF-8 at byte \(offset) (0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                        path: path, line: line, column: column, lineText: text, byteOffset: offset,
                        notes: ["if the file is Latin-1 or Windows-1252, read it with read_csv('\(path)', encoding = 'latin-1')"])
    }
}
