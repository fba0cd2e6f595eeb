// StatementScanner finds where statements end in text that arrives a piece at a time, as the parser splits a script:
// at a ';' outside strings, quoted names and comments, and at the end of a dot-command's line. Each byte is looked at
// once, so a long statement pasted line by line costs time in proportion to its length.

/// StatementScanner tracks statement boundaries in a growing text.
public struct StatementScanner: Sendable {
    /// Mode is where the scanner stands in the text's lexical structure.
    enum Mode: Sendable {
        /// Between tokens or inside ordinary tokens.
        case code
        /// After a '-' that may start a `--` comment.
        case dash
        /// After a '/' that may start a block comment.
        case slash
        case string
        case quotedName
        case lineComment
        case blockComment
        /// In a block comment, after a '*' that may close it.
        case blockCommentStar
        /// After a '.' at the start of a statement: a dot-command, unless a digit follows (`.5`).
        case dot
        /// In a dot-command, which runs to the end of its line.
        case dotCommand
    }

    var mode = Mode.code
    /// offset counts the bytes scanned so far.
    public private(set) var offset = 0
    /// boundary is the offset just after the last finished statement (its ';' or its line end); text before it runs.
    public private(set) var boundary = 0
    /// finishedStatement is true when the text before `boundary` holds a statement, not only ';' and comments.
    public private(set) var finishedStatement = false
    /// pendingStart is where the unfinished statement after `boundary` begins, or nil when only white space and
    /// comments follow the boundary.
    public private(set) var pendingStart: Int?
    /// tentative is where a '-', '/' or '.' stands while the next byte decides what it is.
    var tentative = 0

    public init() {}

    /// isInsideTokenOrComment is true while a string, quoted name or block comment is open, so that more input is
    /// needed even when nothing else has begun.
    public var isInsideTokenOrComment: Bool {
        switch mode {
        case .string, .quotedName, .blockComment, .blockCommentStar: return true
        default: return false
        }
    }

    /// scan reads the next bytes of the text.
    public mutating func scan<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            step(byte)
            offset += 1
        }
    }

    /// dropFirst forgets the first `count` bytes, which the caller has taken (up to `boundary` or the statement after
    /// it); offsets then count from there.
    public mutating func dropFirst(_ count: Int) {
        offset -= count
        tentative -= count
        if let start = pendingStart { pendingStart = start - count }
        if count >= boundary { finishedStatement = false }
        boundary = max(0, boundary - count)
    }

    /// step moves past one byte at `offset`.
    mutating func step(_ byte: UInt8) {
        switch mode {
        case .code:
            code(byte)
        case .dash:
            if byte == UInt8(ascii: "-") {
                mode = .lineComment
            } else {
                begin(at: tentative)
                mode = .code
                code(byte)
            }
        case .slash:
            if byte == UInt8(ascii: "*") {
                mode = .blockComment
            } else {
                begin(at: tentative)
                mode = .code
                code(byte)
            }
        case .string:
            if byte == UInt8(ascii: "'") { mode = .code }  // a doubled '' closes and reopens: the same boundaries
        case .quotedName:
            if byte == UInt8(ascii: "\"") { mode = .code }
        case .lineComment:
            if byte == 0x0A { mode = .code }
        case .blockComment:
            if byte == UInt8(ascii: "*") { mode = .blockCommentStar }
        case .blockCommentStar:
            mode = byte == UInt8(ascii: "/") ? .code : byte == UInt8(ascii: "*") ? .blockCommentStar : .blockComment
        case .dot:
            begin(at: tentative)
            if byte >= 0x30 && byte <= 0x39 {
                mode = .code
            } else {
                mode = .dotCommand
                if byte == 0x0A { finish(at: offset + 1) }
            }
        case .dotCommand:
            if byte == 0x0A { finish(at: offset + 1) }
        }
    }

    /// code handles a byte outside strings and comments.
    mutating func code(_ byte: UInt8) {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
            break
        case UInt8(ascii: ";"):
            finish(at: offset + 1)
        case UInt8(ascii: "-"):
            tentative = offset
            mode = .dash
        case UInt8(ascii: "/"):
            tentative = offset
            mode = .slash
        case UInt8(ascii: "."):
            if pendingStart == nil {
                tentative = offset
                mode = .dot
            }
        case UInt8(ascii: "'"):
            begin(at: offset)
            mode = .string
        case UInt8(ascii: "\""):
            begin(at: offset)
            mode = .quotedName
        default:
            begin(at: offset)
        }
    }

    /// begin notes that a statement has begun at `start`, unless one already has.
    mutating func begin(at start: Int) {
        if pendingStart == nil { pendingStart = start }
    }

    /// finish ends the pending statement just before `end`.
    mutating func finish(at end: Int) {
        if pendingStart != nil { finishedStatement = true }
        pendingStart = nil
        boundary = end
        mode = .code
    }
}
