// Lexer: source text → tokens. It works on UTF-8 bytes, so any input, even invalid UTF-8, gives tokens or an
// error value, never a trap.

/// Limits that keep hostile input from exhausting memory or stack. Each has its own message.
public enum Limits {
    /// maxTokenLength bounds one token, e.g. a string literal.
    public static let maxTokenLength = 1_000_000
    /// maxNesting bounds nested expressions and parentheses; checked before the stack can run out.
    public static let maxNesting = 200
    /// maxStatementLength bounds one statement, in bytes.
    public static let maxStatementLength = 1_000_000
    /// maxTableRows bounds the rows a table prints; the rest are counted, and csv or json print them all.
    public static let maxTableRows = 1_000
    /// maxLineShown bounds how much of a long source line a diagnostic prints around its caret.
    public static let maxLineShown = 120
    /// maxViewDepth bounds views that read views, so that a view replaced to read itself is an error, not a hang.
    public static let maxViewDepth = 32
}

/// Lexer turns a source text into tokens, one at a time.
public struct Lexer {
    let bytes: [UInt8]
    var pos: Int
    /// limit is where the input ends for this lexer: the end of the text, or of the one statement it reads.
    let limit: Int

    /// init lexes `source` from byte `offset` up to byte `end` (the whole text when nil).
    public init(_ source: SourceText, from offset: Int = 0, to end: Int? = nil) {
        self.bytes = source.bytes
        self.pos = offset
        self.limit = min(end ?? source.bytes.count, source.bytes.count)
    }

    /// tokenize returns every token up to and including end of input, or the first lexical error.
    public static func tokenize(_ source: SourceText) -> Result<[Token], Diagnostic> {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            do {
                let t = try lexer.next()
                tokens.append(t)
                if t.kind == .endOfInput { return .success(tokens) }
            } catch let d as Diagnostic {
                return .failure(d)
            } catch {
                return .failure(Diagnostic("\(error)", at: SourceRange(lexer.pos, lexer.pos)))
            }
        }
    }

    /// next returns the next token, skipping white space and comments.
    public mutating func next() throws -> Token {
        try skipTrivia()
        guard pos < limit else { return Token(.endOfInput, "", SourceRange(pos, pos)) }
        let start = pos
        let c = bytes[pos]
        if isIdentStart(c) { return identifier(start) }
        if isDigit(c) || (c == UInt8(ascii: ".") && pos + 1 < limit && isDigit(bytes[pos + 1])) {
            return try number(start)
        }
        switch c {
        case UInt8(ascii: "'"): return try quoted(start, quote: c, kind: .string, what: "string literal")
        case UInt8(ascii: "\""): return try quoted(start, quote: c, kind: .quotedIdentifier, what: "quoted name")
        default: return try symbol(start)
        }
    }

    mutating func skipTrivia() throws {
        while pos < limit {
            let c = bytes[pos]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                pos += 1
            } else if c == UInt8(ascii: "-") && peek(1) == UInt8(ascii: "-") {
                pos = find(0x0A, from: pos) ?? limit
            } else if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "*") {
                let start = pos
                pos += 2
                guard let close = find(UInt8(ascii: "*"), then: UInt8(ascii: "/"), from: pos) else {
                    pos = limit
                    throw Diagnostic("unterminated comment: expected '*/', found end of input", at: SourceRange(start, start + 2),
                                     code: .unterminatedComment)
                }
                pos = close + 2
            } else {
                return
            }
        }
    }

    /// find returns the offset of `byte` (followed by `then`, if given) at or after `from`. It scans raw memory, so
    /// that a 10 MB comment is quick even in an unoptimised build.
    func find(_ byte: UInt8, then next: UInt8? = nil, from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { p in
            var i = from
            let n = min(p.count, limit)
            while i < n {
                if p[i] == byte && (next == nil || i + 1 < n && p[i + 1] == next!) { return i }
                i += 1
            }
            return nil
        }
    }

    func peek(_ ahead: Int) -> UInt8? { pos + ahead < limit ? bytes[pos + ahead] : nil }
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    func isIdentStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F || c >= 0xC2 && c <= 0xF4 }
    func isIdentPart(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) || c >= 0x80 && c <= 0xBF }

    mutating func identifier(_ start: Int) -> Token {
        while pos < limit && isIdentPart(bytes[pos]) { pos += 1 }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self)
        let range = SourceRange(start, pos)
        if let k = Keyword.lookup[text.lowercased()] { return Token(.keyword(k), text, range) }
        return Token(.identifier, text, range)
    }

    mutating func number(_ start: Int) throws -> Token {
        var kind = TokenKind.integer
        while pos < limit && isDigit(bytes[pos]) { pos += 1 }
        if pos < limit && bytes[pos] == UInt8(ascii: "."), !(peek(1) == UInt8(ascii: ".")) {
            kind = .decimal
            pos += 1
            while pos < limit && isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < limit && (bytes[pos] | 0x20) == UInt8(ascii: "e") {
            var look = pos + 1
            if look < limit && (bytes[look] == UInt8(ascii: "+") || bytes[look] == UInt8(ascii: "-")) { look += 1 }
            if look < limit && isDigit(bytes[look]) {
                kind = .decimal
                pos = look
                while pos < limit && isDigit(bytes[pos]) { pos += 1 }
            }
        }
        if pos - start > Limits.maxTokenLength {
            throw Diagnostic("number too long (limit is \(Limits.maxTokenLength) characters)", at: SourceRange(start, start + 1))
        }
        var text = String(decoding: bytes[start..<pos], as: UTF8.self)
        if pos < limit && bytes[pos] == UInt8(ascii: "%") {
            pos += 1
            kind = .percentage
            text += "%"
        }
        if pos < limit && isIdentStart(bytes[pos]) {
            let bad = pos
            while pos < limit && isIdentPart(bytes[pos]) { pos += 1 }
            throw Diagnostic("expected an operator or white space after number \(text), found '\(String(decoding: bytes[bad..<pos], as: UTF8.self))'",
                             at: SourceRange(start, pos))
        }
        return Token(kind, text, SourceRange(start, pos))
    }

    mutating func quoted(_ start: Int, quote: UInt8, kind: TokenKind, what: String) throws -> Token {
        pos += 1
        var value: [UInt8] = []
        while true {
            guard pos < limit else {
                let q = quote == UInt8(ascii: "'") ? "'" : "\""
                throw Diagnostic("unterminated \(what): expected a closing \(q), found end of input", at: SourceRange(start, start + 1),
                                 code: kind == .string ? .unterminatedString : .unterminatedQuotedName)
            }
            let c = bytes[pos]
            pos += 1
            if c == quote {
                if pos < limit && bytes[pos] == quote {
                    value.append(quote)
                    pos += 1
                } else {
                    break
                }
            } else {
                value.append(c)
            }
            if value.count > Limits.maxTokenLength {
                throw Diagnostic("\(what) too long (limit is \(Limits.maxTokenLength) bytes)", at: SourceRange(start, start + 1))
            }
        }
        let text = String(decoding: value, as: UTF8.self)
        if kind == .quotedIdentifier && text.isEmpty {
            throw Diagnostic("expected a name between the double quotes, found \"\"", at: SourceRange(start, pos))
        }
        return Token(kind, text, SourceRange(start, pos))
    }

    mutating func symbol(_ start: Int) throws -> Token {
        let c = bytes[pos]
        let n = peek(1)
        func two(_ s: Symbol) -> Token { pos += 2; return Token(.symbol(s), s.rawValue, SourceRange(start, pos)) }
        func one(_ s: Symbol) -> Token { pos += 1; return Token(.symbol(s), s.rawValue, SourceRange(start, pos)) }
        switch (c, n) {
        case (UInt8(ascii: "/"), UInt8(ascii: "/")): return two(.doubleSlash)
        case (UInt8(ascii: "|"), UInt8(ascii: "|")): return two(.concat)
        case (UInt8(ascii: ":"), UInt8(ascii: ":")): return two(.doubleColon)
        case (UInt8(ascii: "!"), UInt8(ascii: "=")): return two(.notEqual)
        case (UInt8(ascii: "<"), UInt8(ascii: ">")): return two(.notEqualSQL)
        case (UInt8(ascii: "<"), UInt8(ascii: "=")): return two(.lessEqual)
        case (UInt8(ascii: ">"), UInt8(ascii: "=")): return two(.greaterEqual)
        case (UInt8(ascii: "="), UInt8(ascii: "=")): return two(.equal)
        default: break
        }
        if c < 0x80, let s = Symbol(rawValue: String(UnicodeScalar(c))) { return one(s) }
        var end = pos + 1
        while end < limit && bytes[end] >= 0x80 && bytes[end] <= 0xBF { end += 1 }
        let shown = c < 0x20 || c == 0x7F ? "byte 0x\(String(c, radix: 16, uppercase: true))"
            : c >= 0x80 ? "'\(String(decoding: bytes[pos..<end], as: UTF8.self))'" : "'\(String(UnicodeScalar(c)))'"
        throw Diagnostic("unexpected character \(shown); expected a name, a number, a string or an operator",
                         at: SourceRange(start, end))
    }
}
