// The reader streams a file's records as column batches: it reads the file in chunks, splits whole records out of
// each, checks their bytes, and decodes each field by its column's type. A record that does not fit (wrong number of
// fields, an unterminated quote, a value not of its column's type) is an error at file:line:col, or is skipped and
// counted with ignore_errors. A file whose size or time of change moves while it is read is an error.

import Glibc

/// CSVError is a problem with a file, at its place: a line and column, or a byte offset.
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var path: String
    public var line: Int?
    /// column is the 1-based column in Unicode scalars of the line, when known.
    public var column: Int?
    /// lineText is the line shown under the message.
    public var lineText: String?
    public var byteOffset: Int?
    public var notes: [String]

    public init(_ message: String, path: String, line: Int? = nil, column: Int? = nil, lineText: String? = nil,
                byteOffset: Int? = nil, notes: [String] = []) {
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.lineText = lineText
        self.byteOffset = byteOffset
        self.notes = notes
    }

    /// render writes the error as every diagnostic is written: the message, file:line:col, the line and a caret.
    public func render(color: Bool = false) -> String {
        if let line, let lineText {
            let source = SourceText(lineText, name: path, firstLine: line)
            // The caret's byte offset in the line.
            var offset = 0, col = 1
            let bytes = source.bytes
            while offset < bytes.count && col < (column ?? 1) {
                offset += 1
                while offset < bytes.count && bytes[offset] & 0xC0 == 0x80 { offset += 1 }
                col += 1
            }
            return source.render(Diagnostic(message, at: SourceRange(offset, offset + 1), notes: notes), color: color)
        }
        var out = "error: \(message)\n --> \(path)"
        if let line { out += ":\(line)" }
        if let byteOffset { out += " (byte \(byteOffset))" }
        out += "\n"
        for n in notes { out += "  = \(n)\n" }
        return out
    }

    public var description: String {
        var out = path
        if let line { out += ":\(line)" + (column.map { ":\($0)" } ?? "") } else if let byteOffset { out += ": byte \(byteOffset)" }
        return out + ": " + message
    }
}

/// ByteSource is where a file's bytes come from: the file itself or its gzip stream.
protocol ByteSource: AnyObject {
    /// read fills up to `count` bytes at `into`, returning how many (0 at the end).
    func read(into: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int
    func close()
}

/// FileBytes reads a plain file.
final class FileBytes: ByteSource {
    let fd: Int32
    let path: String
    init(fd: Int32, path: String) { self.fd = fd; self.path = path }
    func read(into p: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        while true {
            let n = Glibc.read(fd, p, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw CSVError("cannot read the file: \(String(cString: strerror(errno)))", path: path)
        }
    }
    func close() { _ = Glibc.close(fd) }
}

/// FileStamp is what tells that a file changed: its size and time of last change.
struct FileStamp: Equatable, Sendable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt64

    static func of(fd: Int32) -> FileStamp? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FileStamp(size: Int(st.st_size), seconds: Int(st.st_mtim.tv_sec), nanoseconds: Int(st.st_mtim.tv_nsec),
                         inode: UInt64(st.st_ino))
    }
}

/// CSVFileHandle opens a file for reading, as plain bytes or, for `.gz`, through zlib.
enum CSVFileHandle {
    static func open(_ path: String) throws -> (ByteSource, FileStamp, Int32) {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CSVError("cannot open the file: \(reason)", path: path)
        }
        guard let stamp = FileStamp.of(fd: fd) else {
            _ = Glibc.close(fd)
            throw CSVError("cannot read the file's status", path: path)
        }
        var st = stat()
        _ = fstat(fd, &st)
        if st.st_mode & S_IFMT == S_IFDIR {
            _ = Glibc.close(fd)
            throw CSVError("is a folder, not a file", path: path)
        }
        if path.lowercased().hasSuffix(".gz") {
            return (try GzipBytes(fd: fd, path: path), stamp, fd)
        }
        return (FileBytes(fd: fd, path: path), stamp, fd)
    }
}

/// CSVReader reads a file's records a batch at a time, by a layout.
public final class CSVReader {
    public let path: String
    public let layout: CSVLayout
    let ignoreErrors: Bool
    let source: ByteSource
    let fd: Int32
    let stamp: FileStamp
    let tokenizer: CSVTokenizer

    var buffer: UnsafeMutableBufferPointer<UInt8>
    /// start..<end are the bytes read but not yet split; bufferOffset is the file offset of buffer[0].
    var start = 0, end = 0
    var bufferOffset = 0
    var line = 1
    var atEnd = false
    var started = false
    /// decoder turns the records split from the buffer into batches.
    let decoder: CSVBatchDecoder
    /// onSkipped, when set, takes the records that ignore_errors leaves out here (a syntax error) instead of the
    /// decoder, so that a decoder on another thread counts them in file order.
    var onSkipped: ((CSVError) -> Void)?
    /// used tells which columns to decode; a column not used is all NULL.
    public var used: [Bool]? {
        get { decoder.used }
        set { decoder.used = newValue }
    }
    /// rowsRead counts the rows handed out, skipped the records left out under ignore_errors.
    public var rowsRead: Int { decoder.rowsRead }
    public var skipped: Int { decoder.skipped }
    /// firstSkipped is the first record that ignore_errors left out, for the note.
    public var firstSkipped: CSVError? { decoder.firstSkipped }

    /// chunkSize is how much is read at a time; maxRecordBytes the longest record accepted.
    static let chunkSize = 1 << 20
    public static let maxRecordBytes = 64 << 20

    /// init opens the file; `expected` is the stamp the layout was sniffed from, which the file must still have.
    public init(path: String, layout: CSVLayout, ignoreErrors: Bool = false) throws {
        self.path = path
        self.layout = layout
        self.ignoreErrors = ignoreErrors
        (source, stamp, fd) = try CSVFileHandle.open(path)
        tokenizer = CSVTokenizer(layout.dialect)
        decoder = CSVBatchDecoder(path: path, layout: layout, ignoreErrors: ignoreErrors)
        buffer = .allocate(capacity: Self.chunkSize)
    }

    deinit {
        source.close()
        buffer.deallocate()
    }

    /// fill reads more bytes after `end`, moving the unsplit bytes to the front and growing the buffer when a
    /// record does not fit.
    func fill() throws {
        if start > 0 {
            let n = end - start
            if n > 0 { buffer.baseAddress!.update(from: buffer.baseAddress! + start, count: n) }
            bufferOffset += start
            start = 0
            end = n
        }
        if end == buffer.count {
            guard buffer.count < Self.maxRecordBytes else {
                throw CSVError("a record longer than \(Self.maxRecordBytes >> 20) MB starts here; is the quote or the delimiter right?",
                               path: path, line: line, byteOffset: bufferOffset)
            }
            let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
            bigger.baseAddress!.update(from: buffer.baseAddress!, count: end)
            buffer.deallocate()
            buffer = bigger
        }
        let n = try source.read(into: buffer.baseAddress! + end, count: buffer.count - end)
        if n == 0 {
            atEnd = true
            try checkUnchanged()
        }
        end += n
    }

    /// checkUnchanged fails when the file is not as it was when it was opened.
    func checkUnchanged() throws {
        let now = FileStamp.of(fd: fd)
        let readAll = source is GzipBytes || bufferOffset + end == stamp.size
        if now != stamp || !readAll {
            throw CSVError("the file changed while it was being read; run the statement again", path: path)
        }
        if let current = statPath(), current != stamp {
            throw CSVError("the file changed while it was being read; run the statement again", path: path)
        }
    }

    /// statPath is the stamp of the file now at the path, which a rename would have replaced.
    func statPath() -> FileStamp? {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        return FileStamp.of(fd: fd)
    }

    /// skipPreamble skips the byte-order mark, the lines of `skip` and the header.
    func skipPreamble() throws {
        started = true
        try fill()
        while !atEnd && end - start < 3 { try fill() }
        let p = UnsafeBufferPointer(buffer)
        if end - start >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { start = 3 }
        var lines = layout.dialect.skip
        while lines > 0 {
            if let next = CSVTokenizer.skipLine(UnsafeBufferPointer(rebasing: buffer[0..<end]), from: start, atEnd: atEnd) {
                start = next
                line += 1
                lines -= 1
            } else {
                if atEnd { return }
                try fill()
            }
        }
        if layout.dialect.header {
            var header = CSVFields()
            while true {
                let out = tokenizer.split(UnsafeBufferPointer(rebasing: buffer[0..<end]), from: start, line: line, atEnd: atEnd,
                                          limit: 1, into: &header)
                if header.count == 1 || out.error != nil || (atEnd && out.consumed == start) {
                    if let e = out.error { throw syntaxError(e) }
                    start = out.consumed
                    line = out.line
                    return
                }
                if atEnd { return }
                try fill()
            }
        }
    }

    /// next returns the next batch of rows, or nil at the end of the file.
    public func next() throws -> Batch? {
        while let (p, from, to) = try nextRecords() {
            if let batch = try decoder.decode(p, from: from, to: to) { return batch }
        }
        return nil
    }

    /// nextRecords splits the next records into the decoder's fields and gives the buffer and the range they are in;
    /// nil at the end of the file. The buffer holds them until the next call.
    /// With `relative`, the fields' offsets count from the first record's start.
    func nextRecords(relative: Bool = false) throws -> (UnsafeBufferPointer<UInt8>, Int, Int)? {
        if !started { try skipPreamble() }
        while true {
            try Cancellation.checkpoint()
            decoder.fields.removeAll()
            decoder.bufferOffset = bufferOffset
            let p = UnsafeBufferPointer(rebasing: buffer[0..<end])
            let out = tokenizer.split(p, from: start, line: line, atEnd: atEnd, limit: batchSize, base: relative ? start : 0,
                                      into: &decoder.fields)
            if decoder.fields.count > 0 {
                let from = start
                start = out.consumed
                line = out.line
                return (p, from, out.consumed)
            }
            if let e = out.error {
                guard ignoreErrors else { throw syntaxError(e) }
                if let onSkipped { onSkipped(syntaxError(e)) } else { decoder.noteSkipped(syntaxError(e)) }
                // An unterminated quote runs to the end; after text behind a quote, the next line starts afresh.
                if e.kind == .unterminatedQuote { start = end; line = e.line; continue }
                start = CSVTokenizer.skipLine(p, from: e.offset, atEnd: true) ?? end
                line = e.line + 1
                continue
            }
            if atEnd { return nil }
            try fill()
        }
    }

    /// nextSplit gives the next records split but not decoded, with a copy of their bytes, for a decoder on
    /// another thread; nil at the end of the file.
    func nextSplit() throws -> SplitRecords? {
        // Offsets count from the copy's first byte, the first record's.
        guard let (p, from, to) = try nextRecords(relative: true) else { return nil }
        var fields = CSVFields()
        swap(&fields, &decoder.fields)
        return SplitRecords(bytes: Array(UnsafeBufferPointer(rebasing: p[from..<to])), fields: fields, fileOffset: bufferOffset + from)
    }

    /// syntaxError places a tokenizer's error in the file.
    func syntaxError(_ e: CSVSyntaxError) -> CSVError {
        let p = UnsafeBufferPointer(rebasing: buffer[0..<end])
        decoder.bufferOffset = bufferOffset
        switch e.kind {
        case .unterminatedQuote:
            return decoder.placed(p, e.offset, line: e.line, "unterminated quote: this field's quote is never closed",
                                  notes: ["a quote inside a quoted field is written twice (\"\")"])
        case .textAfterQuote:
            return decoder.placed(p, e.offset, line: e.line,
                                  "expected a delimiter '\(byteName(layout.dialect.delimiter))' or a line end after the closing quote")
        }
    }
}

/// SplitRecords are records split from a file but not decoded: a copy of their bytes, their fields at offsets in
/// the copy, and where the copy starts in the file.
struct SplitRecords: @unchecked Sendable {
    var bytes: [UInt8]
    var fields: CSVFields
    var fileOffset: Int
}

/// CSVBatchDecoder decodes split records by a layout into batches, and counts what ignore_errors leaves out.
final class CSVBatchDecoder {
    let path: String
    let layout: CSVLayout
    let ignoreErrors: Bool
    var used: [Bool]?
    /// fields are the records being decoded; bufferOffset is the file offset of the bytes' first.
    var fields = CSVFields()
    var bufferOffset = 0
    private(set) var rowsRead = 0
    private(set) var skipped = 0
    private(set) var firstSkipped: CSVError?

    init(path: String, layout: CSVLayout, ignoreErrors: Bool) {
        self.path = path
        self.layout = layout
        self.ignoreErrors = ignoreErrors
    }

    /// decode decodes split records; nil when ignore_errors left none.
    func decode(_ records: SplitRecords) throws -> Batch? {
        fields = records.fields
        bufferOffset = records.fileOffset
        return try records.bytes.withUnsafeBufferPointer { try decode($0, from: 0, to: $0.count) }
    }

    func noteSkipped(_ e: CSVError) {
        skipped += 1
        if firstSkipped == nil { firstSkipped = e }
    }

    /// skip leaves record r out of the batch under ignore_errors, counted in the note; otherwise it throws e.
    func skip(_ r: Int, _ e: CSVError, _ keep: inout [Bool], _ kept: inout Int) throws {
        guard ignoreErrors else { throw e }
        noteSkipped(e)
        keep[r] = false
        kept -= 1
    }

    /// placed makes an error about the byte at `offset` of the buffer, on `line`, showing that line.
    func placed(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int, line: Int, _ message: String, notes: [String] = []) -> CSVError {
        var ls = offset
        while ls > 0 && p[ls - 1] != UInt8(ascii: "\n") && p[ls - 1] != UInt8(ascii: "\r") { ls -= 1 }
        var le = offset
        while le < p.count && p[le] != UInt8(ascii: "\n") && p[le] != UInt8(ascii: "\r") { le += 1 }
        let text = lineText(p, ls, le)
        var column = 1
        for i in ls..<min(offset, p.count) where p[i] & 0xC0 != 0x80 { column += 1 }
        return CSVError(message, path: path, line: line, column: column, lineText: text, byteOffset: bufferOffset + offset, notes: notes)
    }

    func lineText(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> String {
        CSVDecoding.lineText(p, s, min(e, s + 4096), encoding: layout.dialect.encoding)
    }

    /// fieldError is an error about field f of record r.
    func fieldError(_ p: UnsafeBufferPointer<UInt8>, record r: Int, field f: Int, _ message: String, notes: [String] = []) -> CSVError {
        let offset = f < fields.items.count ? fields.fieldStart(f) - (fields.fieldQuoted(f) ? 1 : 0) : fields.recordOffset[r]
        var line = fields.recordLine[r]
        for i in fields.recordOffset[r]..<offset where p[i] == UInt8(ascii: "\n") { line += 1 }
        return placed(p, offset, line: line, message, notes: notes)
    }

    /// decode turns the records in `fields` into a batch; nil when ignore_errors left none.
    func decode(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) throws -> Batch? {
        let dialect = layout.dialect
        if dialect.encoding == .utf8, let bad = CSVDecoding.invalidUTF8(p, from, to) {
            var r = 0
            while r + 1 < fields.count && fields.recordOffset[r + 1] <= bad { r += 1 }
            let e = placed(p, bad, line: lineOf(p, bad, record: r),
                           "the file is not valid UTF-8 at byte \(bufferOffset + bad) (0x\(String(p[bad], radix: 16, uppercase: true)))",
                           notes: ["if the file is Latin-1 or Windows-1252, read it with read_csv('\(path)', encoding = 'latin-1')"])
            throw e
        }
        let width = layout.columns.count
        var keep = [Bool](repeating: true, count: fields.count)
        var kept = fields.count
        for r in 0..<fields.count where fields.fieldCount(r) != width {
            let n = fields.fieldCount(r)
            let f = fields.recordFirstField[r] + min(n, width)
            let e = fieldError(p, record: r, field: n > width ? f : fields.recordFirstField[r + 1] - 1,
                               "expected \(width) fields, found \(n)",
                               notes: ["the header or the first rows have \(width) fields, separated by '\(byteName(dialect.delimiter))'"])
            try skip(r, e, &keep, &kept)
        }
        return try decodeColumns(p, keep, kept)
    }

    /// decodeColumns decodes every column of the kept records; under ignore_errors a record with a value that does
    /// not fit is left out and the batch decoded again without it.
    func decodeColumns(_ p: UnsafeBufferPointer<UInt8>, _ keep: [Bool], _ kept: Int) throws -> Batch? {
        var keep = keep, kept = kept
        var columns: [Vector] = []
        columns.reserveCapacity(layout.columns.count)
        var c = 0
        while c < layout.columns.count {
            let (vector, bad) = decodeColumn(p, c, keep)
            if let r = bad {
                let column = layout.columns[c]
                let f = fields.recordFirstField[r] + c
                let e = fieldError(p, record: r, field: f,
                                   "expected \(describe(column)) in column \(column.name), found '\(fieldText(p, f))'",
                                   notes: ["read_csv(…, types = …) or all_varchar = true reads the column another way"])
                try skip(r, e, &keep, &kept)
                columns.removeAll()
                c = 0
                continue
            }
            columns.append(vector)
            c += 1
        }
        if kept == 0 { return nil }
        var lines: [Int] = []
        lines.reserveCapacity(kept)
        for r in 0..<fields.count where keep[r] { lines.append(fields.recordLine[r]) }
        rowsRead += kept
        return Batch(columns: columns, count: kept, firstRow: 0, rows: lines)
    }

    func lineOf(_ p: UnsafeBufferPointer<UInt8>, _ offset: Int, record r: Int) -> Int {
        var line = fields.recordLine[r]
        for i in fields.recordOffset[r]..<offset where p[i] == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    func fieldText(_ p: UnsafeBufferPointer<UInt8>, _ f: Int) -> String {
        let s = fields.fieldStart(f), e = min(fields.fieldEnd(f), fields.fieldStart(f) + 200)
        return CSVDecoding.text(p, s, e, escaped: fields.fieldEscaped(f), quote: layout.dialect.quote ?? 0,
                                escape: layout.dialect.escape ?? 0, encoding: layout.dialect.encoding)
    }

    func describe(_ c: CSVColumn) -> String {
        switch c.type {
        case .integer: return "a whole number" + (c.thousands.map { " (thousands separated by '\(byteName($0))')" } ?? "")
        case .decimal: return "a number with decimal separator '\(byteName(c.decimalSeparator))'"
        case .percentage: return "a percentage such as 82%"
        case .boolean: return "true or false"
        case .date: return "a date such as 2023-01-31 or 31-01-2023"
        case .text: return "text"
        }
    }

    @inline(__always)
    func isNull(_ p: UnsafeBufferPointer<UInt8>, _ f: Int) -> Bool {
        let s = fields.fieldStart(f), e = fields.fieldEnd(f)
        if s == e { return true }
        for n in layout.dialect.nullStrings where n.count == e - s {
            var same = true
            for k in 0..<n.count where p[s + k] != n[k] { same = false; break }
            if same { return true }
        }
        return false
    }

    /// recentSlots is the size of the table of texts seen in a batch's column, found by slot(p, s, e).
    static let recentSlots = 64

    @inline(__always)
    static func slot(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        guard e > s else { return 0 }
        let h = (e - s) &* 31 &+ Int(p[s]) &* 7 &+ Int(p[e - 1]) &+ Int(p[s + (e - s) / 2]) &* 13
        return h & (recentSlots - 1)
    }

    /// decodeColumn decodes column c of the kept records; with the first record whose value does not fit.
    func decodeColumn(_ p: UnsafeBufferPointer<UInt8>, _ c: Int, _ keep: [Bool]) -> (Vector, Int?) {
        let column = layout.columns[c]
        let n = fields.count
        var validity: [Bool]?
        func setNull(_ i: Int, _ count: Int) {
            if validity == nil { validity = [Bool](repeating: true, count: count) }
            validity![i] = false
        }
        let allKept = !keep.contains(false)
        let count = allKept ? n : keep.lazy.filter { $0 }.count
        if let used, !used[c] {
            return (Vector(.booleans([Bool](repeating: false, count: count)), validity: [Bool](repeating: false, count: count)), nil)
        }
        switch column.type {
        case .integer:
            var out = [Int64](repeating: 0, count: count)
            var i = 0
            for r in 0..<n where allKept || keep[r] {
                let f = fields.recordFirstField[r] + c
                if isNull(p, f) { setNull(i, count); i += 1; continue }
                guard let v = CSVDecoding.integer(p, fields.fieldStart(f), fields.fieldEnd(f), thousands: column.thousands) else {
                    return (Vector(.integers([])), r)
                }
                out[i] = v
                i += 1
            }
            return (Vector(.integers(out), validity: validity), nil)
        case .boolean:
            var out = [Bool](repeating: false, count: count)
            var i = 0
            for r in 0..<n where allKept || keep[r] {
                let f = fields.recordFirstField[r] + c
                if isNull(p, f) { setNull(i, count); i += 1; continue }
                guard let v = CSVDecoding.boolean(p, fields.fieldStart(f), fields.fieldEnd(f)) else { return (Vector(.booleans([])), r) }
                out[i] = v
                i += 1
            }
            return (Vector(.booleans(out), validity: validity), nil)
        default:
            var out: [Value] = []
            out.reserveCapacity(count)
            let quote = layout.dialect.quote ?? 0, escape = layout.dialect.escape ?? 0, encoding = layout.dialect.encoding
            var recent = [(Int, Int, Value)?](repeating: nil, count: Self.recentSlots)
            for r in 0..<n where allKept || keep[r] {
                let f = fields.recordFirstField[r] + c
                if isNull(p, f) { out.append(.null); continue }
                let s = fields.fieldStart(f), e = fields.fieldEnd(f)
                switch column.type {
                case .decimal:
                    guard let d = CSVDecoding.decimal(p, s, e, decimal: column.decimalSeparator, thousands: column.thousands) else {
                        return (Vector(.values([])), r)
                    }
                    out.append(.decimal(d))
                case .percentage:
                    guard let d = CSVDecoding.percentage(p, s, e, decimal: column.decimalSeparator, thousands: column.thousands) else {
                        return (Vector(.values([])), r)
                    }
                    out.append(.percentage(d))
                case .date:
                    guard let d = CSVDecoding.date(p, s, e) else { return (Vector(.values([])), r) }
                    out.append(.date(d))
                default:
                    let escaped = fields.fieldEscaped(f)
                    // A column holds few distinct texts more often than not: one seen before in the batch, with the
                    // same bytes, is the same text, and shares its storage.
                    let slot = escaped ? -1 : Self.slot(p, s, e)
                    if slot >= 0, let (ps, pe, value) = recent[slot], pe - ps == e - s,
                       e == s || memcmp(p.baseAddress! + ps, p.baseAddress! + s, e - s) == 0 {
                        out.append(value)
                        continue
                    }
                    let value = Value.text(CSVDecoding.text(p, s, e, escaped: escaped, quote: quote, escape: escape, encoding: encoding))
                    if slot >= 0 { recent[slot] = (s, e, value) }
                    out.append(value)
                }
            }
            return (Vector(.values(out)), nil)
        }
    }
}
