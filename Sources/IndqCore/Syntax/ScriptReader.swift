// Streaming scripts: StatementSplitter is the one place that decides where a statement or a dot-command ends in
// script text. ScriptReader uses it to hand out a stream's statements and dot-commands one by one as they arrive, so
// that a script runs while it is read and memory stays in proportion to one statement, however long the stream; the
// SQL parser never sees a dot-command.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// find returns the index of `byte` in p[from...], by memchr, so that long comments and strings are skipped fast
/// even in an unoptimised build.
func find(_ byte: UInt8, in p: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard from < p.count, let base = p.baseAddress else { return nil }
    return memchr(base + from, Int32(byte), p.count - from).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
}

/// StatementSplitter finds the ends of statements in script bytes: a ';' outside strings, quoted names and comments,
/// or the end of a dot-command's line. It keeps its state between calls, so bytes can arrive in pieces.
public struct StatementSplitter: Sendable {
    enum State: Sendable, Equatable {
        /// Between statements: white space, empty statements and comments.
        case between
        case body
        /// Inside a string or a quoted name, closed by `quote`.
        case quoted(UInt8)
        /// Inside a comment; `inBody` says whether it is part of a statement or lies between two.
        case lineComment(inBody: Bool)
        case blockComment(inBody: Bool)
        /// A dot-command, which runs to the end of its line.
        case dot
    }

    var state = State.between
    /// statementStart is where the statement being read began, once one has.
    public private(set) var statementStart: Int?
    /// commentStart is where a block comment between statements began, for the error if it never ends.
    public private(set) var commentStart: Int?

    /// Step is what a scan found.
    public enum Step: Equatable, Sendable {
        /// A whole SQL statement, from its first byte up to its end, after its ';'.
        case statement(start: Int, end: Int)
        /// A dot-command, from its '.' up to its line end (before the newline). It never reaches the SQL parser.
        case dotCommand(start: Int, end: Int)
        /// The bytes so far end inside a statement or between two; more are needed to tell.
        case needMore
        /// The input ended; nothing is left but white space and comments.
        case finished

        /// end is where a statement or a dot-command that was found ends, whichever it is.
        public var end: Int? {
            switch self {
            case .statement(_, let end), .dotCommand(_, let end): return end
            case .needMore, .finished: return nil
            }
        }
    }

    public init() {}

    /// scan continues at `position` in `bytes` and stops after the next whole statement, leaving `position` there.
    /// `atEnd` says that no more bytes follow, so that a last statement without ';' ends with the input.
    public mutating func scan(_ p: UnsafeBufferPointer<UInt8>, position: inout Int, atEnd: Bool) -> Step {
        let n = p.count
        var i = position
        defer { position = i }
        // next is the byte after i, or nil when it has not arrived yet (the caller must ask for more).
        // (It takes the index, so that `i` stays a plain local and the loops over it stay quick.)
        func next(_ i: Int) -> UInt8?? { i + 1 < n ? .some(p[i + 1]) : (atEnd ? .some(nil) : nil) }
        while i < n {
            switch state {
            case .between:
                while i < n && (p[i] == 0x20 || p[i] == 0x0A) { i += 1 }
                guard i < n else { break }
                let c = p[i]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == UInt8(ascii: ";") {
                    i += 1
                    continue
                }
                if c == UInt8(ascii: "-") || c == UInt8(ascii: "/") || c == UInt8(ascii: ".") {
                    guard let after = next(i) else { return .needMore }
                    if c == UInt8(ascii: "-") && after == UInt8(ascii: "-") {
                        state = .lineComment(inBody: false)
                        i += 2
                        continue
                    }
                    if c == UInt8(ascii: "/") && after == UInt8(ascii: "*") {
                        state = .blockComment(inBody: false)
                        commentStart = i
                        i += 2
                        continue
                    }
                    // `.5` is a number; any other '.' starts a dot-command.
                    if c == UInt8(ascii: "."), !(after.map { $0 >= 0x30 && $0 <= 0x39 } ?? false) {
                        statementStart = i
                        state = .dot
                        i += 1
                        continue
                    }
                }
                statementStart = i
                state = .body
            case .body:
                while i < n && p[i] > UInt8(ascii: "/") && p[i] != UInt8(ascii: ";") { i += 1 }
                guard i < n else { break }
                let c = p[i]
                if c == UInt8(ascii: ";") {
                    i += 1
                    return finish(end: i)
                }
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    state = .quoted(c)
                } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "/") {
                    guard let after = next(i) else { return .needMore }
                    if c == UInt8(ascii: "-") && after == UInt8(ascii: "-") {
                        state = .lineComment(inBody: true)
                        i += 1
                    } else if c == UInt8(ascii: "/") && after == UInt8(ascii: "*") {
                        state = .blockComment(inBody: true)
                        i += 1
                    }
                }
                i += 1
            case .quoted(let quote):
                // A doubled quote closes and reopens, which comes to the same.
                i = find(quote, in: p, from: i) ?? n
                if i < n {
                    state = .body
                    i += 1
                }
            case .lineComment(let inBody):
                i = find(0x0A, in: p, from: i) ?? n
                if i < n {
                    state = inBody ? .body : .between
                    i += 1
                }
            case .blockComment(let inBody):
                i = find(UInt8(ascii: "*"), in: p, from: i) ?? n
                guard i < n else { break }
                guard let after = next(i) else { return .needMore }
                if after == UInt8(ascii: "/") {
                    state = inBody ? .body : .between
                    if !inBody { commentStart = nil }
                    i += 2
                } else {
                    i += 1
                }
            case .dot:
                i = find(0x0A, in: p, from: i) ?? n
                if i < n {
                    let end = i
                    i += 1
                    return finish(end: end)
                }
            }
        }
        guard atEnd else { return .needMore }
        if statementStart != nil { return finish(end: n) }
        return .finished
    }

    mutating func finish(end: Int) -> Step {
        let start = statementStart ?? end
        let dot = state == .dot
        statementStart = nil
        state = .between
        return dot ? .dotCommand(start: start, end: end) : .statement(start: start, end: end)
    }

    /// isInsideQuoteOrComment is true while a string, a quoted name or a block comment is open, so that more input is
    /// needed even when no statement has begun.
    public var isInsideQuoteOrComment: Bool {
        switch state {
        case .quoted, .blockComment: return true
        default: return false
        }
    }

    /// shift moves the remembered places when the caller drops `count` bytes from the front of its buffer.
    public mutating func shift(by count: Int) {
        statementStart = statementStart.map { $0 - count }
        commentStart = commentStart.map { $0 - count }
    }

}

/// ScriptItem is one piece of a script: a SQL statement for the parser, or a dot-command for the shell's commands,
/// which the SQL parser never sees.
public enum ScriptItem: Equatable, Sendable {
    /// One SQL statement, with its ';'.
    case statement(SourceRange)
    /// A dot-command's line, from its '.' to its last word (trailing white space and ';' left out).
    case dotCommand(SourceRange)

    /// dotCommandRange is the range of a dot-command whose line is bytes[start..<end], without what trails its last
    /// word.
    static func dotCommandRange<Bytes: RandomAccessCollection>(_ bytes: Bytes, start: Int, end: Int) -> SourceRange
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var text = String(decoding: bytes[start..<end], as: UTF8.self)
        while text.last?.isWhitespace == true || text.last == ";" { text.removeLast() }
        return SourceRange(start, start + text.utf8.count)
    }
}

/// ScriptItems splits a text that is all in memory into its statements and dot-commands, one at a time, with the
/// same StatementSplitter that splits a stream.
public struct ScriptItems: Sequence, IteratorProtocol {
    let source: SourceText
    var position: Int
    var splitter = StatementSplitter()
    var done = false

    /// init splits `source` from byte `offset` on.
    public init(_ source: SourceText, from offset: Int = 0) {
        self.source = source
        self.position = offset
    }

    public mutating func next() -> ScriptItem? {
        guard !done else { return nil }
        return source.bytes.withUnsafeBufferPointer { p in
            switch splitter.scan(p, position: &position, atEnd: true) {
            case .statement(let start, let end):
                return .statement(SourceRange(start, end))
            case .dotCommand(let start, let end):
                return .dotCommand(ScriptItem.dotCommandRange(p, start: start, end: end))
            case .needMore, .finished:
                done = true
                // A block comment between statements that never ends goes to the parser, which says so.
                return splitter.commentStart.map { .statement(SourceRange($0, p.count)) }
            }
        }
    }
}

/// ScriptReader hands out the statements of a byte stream one at a time, as soon as each is complete. It checks
/// the bytes as they come: a NUL or a byte that is not UTF-8 ends the stream with an error naming its offset.
public struct ScriptReader {
    /// ReadError says why a stream could not be read further.
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Next is a statement, a dot-command, or the end of the stream; each comes with the start of its line, for
    /// messages.
    public enum Next {
        /// The text runs from the start of the statement's line; the statement begins at byte `from`, and the text
        /// may hold more statements that had all arrived, but no dot-command. `tooLong` says the statement passed
        /// Limits.maxStatementLength and was cut there.
        case statement(SourceText, from: Int, tooLong: Bool)
        /// A dot-command's line, handed over before any SQL is parsed; `range` is the command within the text.
        case dotCommand(SourceText, range: SourceRange)
        case end
    }

    public let name: String?
    /// label names the stream in its read errors.
    let label: String
    /// read fills the buffer with the next bytes and returns how many; 0 at the end of the stream.
    let read: (UnsafeMutableRawBufferPointer) throws -> Int
    /// kept bounds what is kept of the line before a statement, for messages that show the line.
    static let kept = 4096
    /// chunkSize is how much a read asks for; `chunk` is less for a text in memory that is shorter, so that a
    /// one-shot `-c` does not fill 64 KB of fresh memory (about 30 page faults, a tenth of its start-up).
    static let chunkSize = 65536
    static let zeros = [UInt8](repeating: 0, count: chunkSize)
    var chunk = chunkSize
    /// batch bounds the statements handed out together.
    static let batch = 65536

    var buffer: [UInt8] = []
    /// Bytes before `validated` are checked; `failure` is the error waiting at `validated`, once all before it ran.
    var validated = 0
    var failure: ReadError?
    var atEnd = false
    var started = false
    var stopped = false
    var position = 0
    var splitter = StatementSplitter()
    /// waiting is a dot-command the splitter found after a batch of statements, handed out next.
    var waiting: (start: Int, end: Int)?
    /// offset is the stream offset of buffer[0]; the cursor is a buffer index with its line and column.
    var offset = 0
    var cursor = 0, cursorLine = 1, cursorColumn = 1
    /// excerpt is the start of a long comment between statements, kept for its error when it never ends.
    var excerpt: (text: SourceText, from: Int)?

    /// init reads with `read`; `name` is how messages call the stream (a file name, `<stdin>`).
    public init(name: String?, label: String? = nil, read: @escaping (UnsafeMutableRawBufferPointer) throws -> Int) {
        self.name = name
        self.label = label ?? name ?? "the input"
        self.read = read
    }

    /// init reads a text that is already in memory, e.g. the statements of `-c`; `label` names it in messages.
    public init(name: String?, label: String? = nil, bytes: [UInt8]) {
        var index = 0
        self.init(name: name, label: label) { target in
            let n = min(target.count, bytes.count - index)
            bytes.withUnsafeBytes { source in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[index..<(index + n)]))
            }
            index += n
            return n
        }
        chunk = max(1, min(bytes.count, Self.chunkSize))
    }

    /// next returns the next whole statement, reading as much as it needs and no more.
    public mutating func next() throws -> Next {
        if let (start, end) = waiting {
            waiting = nil
            return dotCommand(start: start, end: end)
        }
        while !stopped {
            let atEnd = self.atEnd && failure == nil && validated == buffer.count
            let step = buffer.withUnsafeBufferPointer { p in
                splitter.scan(UnsafeBufferPointer(rebasing: p[..<validated]), position: &position, atEnd: atEnd)
            }
            // A comment between statements that closed no longer needs its start.
            if splitter.commentStart == nil { excerpt = nil }
            switch step {
            case .statement(let start, var end):
                // Statements that have all arrived already go out as one text, which saves a SourceText for each of
                // many short ones; a batch never waits for more input, so each still runs as soon as it is complete.
                // A dot-command ends the batch and goes out on its own.
                batch: while end - start < Self.batch {
                    switch buffer.withUnsafeBufferPointer({ p in
                        splitter.scan(UnsafeBufferPointer(rebasing: p[..<validated]), position: &position, atEnd: atEnd)
                    }) {
                    case .statement(_, let next): end = next
                    case .dotCommand(let start, let end): waiting = (start, end); break batch
                    case .needMore, .finished: break batch
                    }
                }
                return statement(start: start, end: end, tooLong: false)
            case .dotCommand(let start, let end):
                return dotCommand(start: start, end: end)
            case .finished:
                if let excerpt { self.excerpt = nil; return .statement(excerpt.text, from: excerpt.from, tooLong: false) }
                if let comment = splitter.commentStart { return statement(start: comment, end: buffer.count, tooLong: false) }
                return .end
            case .needMore:
                if let start = splitter.statementStart, position - start > Limits.maxStatementLength {
                    return statement(start: start, end: position, tooLong: true)
                }
                if let failure { throw failure }
                try fill()
            }
        }
        return .end
    }

    /// statement cuts buffer[start..<end] out, with the start of its line, and advances the cursor to it.
    mutating func statement(start: Int, end: Int, tooLong: Bool) -> Next {
        let (text, from) = cut(start: start, end: end)
        // The rest of a statement that is too long is not read: the run stops here.
        if tooLong { stopped = true }
        return .statement(text, from: from, tooLong: tooLong)
    }

    /// cut is the text of buffer[start..<end] from the start of its line, and where in it `start` is; the cursor
    /// moves to the line start.
    mutating func cut(start: Int, end: Int) -> (text: SourceText, from: Int) {
        let from = lineStart(before: start)
        move(to: from)
        let text = SourceText(String(decoding: buffer[from..<end], as: UTF8.self), name: name,
                              firstLine: cursorLine, firstColumn: cursorColumn)
        return (text, start - from)
    }

    /// dotCommand cuts the dot-command at buffer[start..<end] out, with the start of its line.
    mutating func dotCommand(start: Int, end: Int) -> Next {
        let (text, from) = cut(start: start, end: end)
        return .dotCommand(text, range: ScriptItem.dotCommandRange(text.bytes, start: from, end: text.bytes.count))
    }

    /// lineStart is where the line of `index` begins, or a place at most `kept` bytes before it on a long line.
    func lineStart(before index: Int) -> Int {
        var i = index
        while i > cursor && i > index - Self.kept && buffer[i - 1] != 0x0A { i -= 1 }
        // Never start inside a character.
        while i < index && buffer[i] & 0xC0 == 0x80 { i += 1 }
        return i
    }

    /// move advances the cursor, counting lines and columns (in Unicode scalars) on the way.
    mutating func move(to index: Int) {
        guard index > cursor else { return }
        buffer.withUnsafeBufferPointer { p in
            let range = UnsafeBufferPointer(rebasing: p[..<index])
            var i = cursor
            while let newline = find(0x0A, in: range, from: i) {
                cursorLine += 1
                cursorColumn = 1
                i = newline + 1
            }
            while i < index {
                if p[i] & 0xC0 != 0x80 { cursorColumn += 1 }
                i += 1
            }
        }
        cursor = index
    }

    /// fill drops what is no longer needed and reads the next chunk, checking it.
    mutating func fill() throws {
        guard !atEnd else { return }
        // Keep the statement being read, with the start of its line; between statements, only a little context.
        var keep = splitter.statementStart.map { lineStart(before: $0) } ?? max(cursor, position - Self.kept)
        if splitter.statementStart == nil, let comment = splitter.commentStart, excerpt == nil {
            // A comment between statements may be as long as it likes; keep its start for the error if it never ends.
            let from = lineStart(before: comment)
            move(to: from)
            var end = min(validated, comment + Self.kept)
            while end > comment && end < validated && buffer[end] & 0xC0 == 0x80 { end -= 1 }
            excerpt = (SourceText(String(decoding: buffer[from..<end], as: UTF8.self), name: name,
                                  firstLine: cursorLine, firstColumn: cursorColumn), comment - from)
        }
        keep = max(keep, cursor)
        if keep > 0 && keep >= buffer.count / 2 {
            move(to: keep)
            buffer.removeSubrange(0..<keep)
            offset += keep
            validated -= keep
            position -= keep
            cursor -= keep
            splitter.shift(by: keep)
        }
        let old = buffer.count
        // Appending an array is a copy of memory; a repeated element would go byte by byte in an unoptimised build.
        if chunk == Self.chunkSize {
            buffer.append(contentsOf: Self.zeros)
        } else {
            buffer.append(contentsOf: repeatElement(0, count: chunk))
        }
        let n: Int
        do {
            n = try buffer.withUnsafeMutableBytes { try read(UnsafeMutableRawBufferPointer(rebasing: $0[old...])) }
        } catch {
            buffer.removeSubrange(old...)
            throw error
        }
        buffer.removeSubrange((old + max(0, n))...)
        if n <= 0 { atEnd = true }
        if !started && (buffer.count >= 3 || atEnd) {
            started = true
            // A byte-order mark is not part of the script.
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
                buffer.removeFirst(3)
                offset += 3
            }
        }
        if started { check() }
    }

    /// check moves `validated` over the new bytes that are whole UTF-8 characters and not NUL, or stops at the first
    /// bad byte and keeps its error for when the statements before it have run.
    mutating func check() {
        guard failure == nil else { return }
        var end = buffer.count
        if !atEnd {
            // A character cut at the end of the chunk waits for the rest.
            var lead = end
            while lead > validated && lead > end - 4 && buffer[lead - 1] & 0xC0 == 0x80 { lead -= 1 }
            if lead > validated {
                let b = buffer[lead - 1]
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                if length > end - (lead - 1) { end = lead - 1 }
            }
        }
        guard end > validated else { return }
        let nul = buffer.withUnsafeBufferPointer { p in find(0, in: UnsafeBufferPointer(rebasing: p[..<end]), from: validated) }
        let checkedEnd = nul ?? end
        if let bad = firstInvalidUTF8(Array(buffer[validated..<checkedEnd])) {
            let at = validated + bad
            failure = ReadError("\(label) is not valid UTF-8: invalid byte 0x\(String(buffer[at], radix: 16, uppercase: true)) at byte offset \(offset + at)")
            validated = at
        } else if let nul {
            failure = ReadError("\(label) is not a text file: a NUL byte at byte offset \(offset + nul)")
            validated = nul
        } else {
            validated = end
        }
    }
}
