// The rows behind a source listing: `source select … from 'file.csv'` names each figure's line, so the file is read
// again for those lines only, with every column decoded and each line's text as the file has it. Nothing else of
// the file is kept.

/// FileRow is one line of a file as a row: its values and its text.
struct FileRow {
    var values: [Value]
    var text: String
}

extension FileTable {
    /// maxLineText is how much of a line the listing shows.
    static let maxLineText = 4096

    /// rows reads the records that start on the given lines, every column decoded, with each line's text.
    func rows(atLines wanted: Set<Int>) throws -> [Int: FileRow] {
        guard !wanted.isEmpty else { return [:] }
        let texts = try lineTexts(wanted)
        let reader = try CSVReader(path: path, layout: layout, ignoreErrors: ignoreErrors)
        var out: [Int: FileRow] = [:]
        while let batch = try reader.next() {
            try Cancellation.checkpoint()
            for i in 0..<batch.count {
                let line = batch.tableRow(i)
                guard wanted.contains(line) else { continue }
                let values = batch.row(i)
                let text = texts[line] ?? ""
                try Cancellation.charge(row: values, overhead: 64 + text.utf8.count)
                out[line] = FileRow(values: values, text: text)
            }
        }
        return out
    }

    /// lineTexts reads the text of the given lines, at most maxLineText bytes of each, without a line's end.
    func lineTexts(_ wanted: Set<Int>) throws -> [Int: String] {
        let (source, _, _) = try CSVFileHandle.open(path)
        defer { source.close() }
        var out: [Int: String] = [:]
        var line = 1
        var current: [UInt8] = []
        var piece = [UInt8](repeating: 0, count: 1 << 20)
        let last = wanted.max() ?? 0
        func finish() {
            if current.last == UInt8(ascii: "\r") { current.removeLast() }
            if line == 1, current.starts(with: [0xEF, 0xBB, 0xBF]) { current.removeFirst(3) }
            out[line] = current.withUnsafeBufferPointer { CSVDecoding.lineText($0, 0, $0.count, encoding: layout.dialect.encoding) }
            current.removeAll(keepingCapacity: true)
        }
        var keeping = wanted.contains(line)
        reading: while line <= last {
            try Cancellation.checkpoint()
            let n = try piece.withUnsafeMutableBufferPointer { try source.read(into: $0.baseAddress!, count: $0.count) }
            if n == 0 { break }
            for i in 0..<n {
                let b = piece[i]
                if b == UInt8(ascii: "\n") {
                    if keeping { finish() }
                    line += 1
                    if line > last { break reading }
                    keeping = wanted.contains(line)
                } else if keeping, current.count < Self.maxLineText {
                    current.append(b)
                }
            }
        }
        if line <= last, keeping, !current.isEmpty { finish() }
        return out
    }
}
