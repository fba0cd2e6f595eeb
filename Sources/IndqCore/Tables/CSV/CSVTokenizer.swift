// The tokenizer splits a buffer of a CSV file into records and fields, by the dialect's delimiter, quote and
// escape, without copying a byte: a field is a range of the buffer. It stops before a record that the buffer
// does not hold whole, so that the reader can read more and go on from there.

/// CSVField is one field's bytes in the buffer, without the quotes around a quoted field.
struct CSVField {
    var start: Int32
    var end: Int32
    /// quoted is true for a field written in quotes; escaped for one whose bytes hold escapes (`""`) to remove.
    var quoted: Bool
    var escaped: Bool
}

/// CSVFields holds the records of one buffer as field ranges.
struct CSVFields {
    var items: [CSVField] = []
    /// recordFirstField[r] is the index of record r's first field; one more entry ends the last record.
    var recordFirstField: [Int] = [0]
    /// recordLine is the line each record starts on, recordOffset the byte in the buffer where it starts.
    var recordLine: [Int] = []
    var recordOffset: [Int] = []

    var count: Int { recordLine.count }

    @inline(__always) func fieldCount(_ r: Int) -> Int { recordFirstField[r + 1] - recordFirstField[r] }
    @inline(__always) func fieldStart(_ f: Int) -> Int { Int(items[f].start) }
    @inline(__always) func fieldEnd(_ f: Int) -> Int { Int(items[f].end) }
    @inline(__always) func fieldQuoted(_ f: Int) -> Bool { items[f].quoted }
    @inline(__always) func fieldEscaped(_ f: Int) -> Bool { items[f].escaped }

    mutating func removeAll() {
        items.removeAll(keepingCapacity: true)
        recordFirstField.removeAll(keepingCapacity: true)
        recordFirstField.append(0)
        recordLine.removeAll(keepingCapacity: true)
        recordOffset.removeAll(keepingCapacity: true)
    }
}

/// CSVSyntaxError is a record that the dialect cannot split: where it is in the buffer and what was wrong.
struct CSVSyntaxError: Error {
    enum Kind { case unterminatedQuote, textAfterQuote }
    var kind: Kind
    /// offset is the byte in the buffer the error is about; line the line it is on; recordOffset where its record starts.
    var offset: Int
    var line: Int
    var recordOffset: Int
    var recordLine: Int
}

/// CSVTokenizer splits records by one dialect.
struct CSVTokenizer {
    let delimiter: UInt8
    let quote: UInt8
    let escape: UInt8
    let hasQuote: Bool
    /// special marks the bytes that end an unquoted field: the delimiter, CR and LF.
    let special: [Bool]

    /// maxBuffer is the largest buffer split, as field offsets are 32 bits.
    static let maxBuffer = Int(Int32.max)

    init(_ dialect: CSVDialect) {
        delimiter = dialect.delimiter
        hasQuote = dialect.quote != nil
        quote = dialect.quote ?? 0
        escape = dialect.escape ?? dialect.quote ?? 0
        var special = [Bool](repeating: false, count: 256)
        special[Int(dialect.delimiter)] = true
        special[10] = true
        special[13] = true
        self.special = special
    }

    /// Outcome is how far a call got: `consumed` bytes hold whole records; `line` is the line after them.
    struct Outcome {
        var consumed: Int
        var line: Int
        var error: CSVSyntaxError?
    }

    /// split appends the whole records of `buffer[from...]` to `fields`, at most `limit` of them. `line` is the line
    /// number at `from`. A record still open at the buffer's end is left for the next call unless `atEnd`. Blank
    /// lines are skipped, as DuckDB skips them. On a syntax error it stops at the bad record, which it does not add.
    /// The fields' and records' offsets count from `base` (a syntax error's from the buffer's start).
    func split(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, line startLine: Int, atEnd: Bool,
               limit: Int = Int.max, base: Int = 0, into fields: inout CSVFields) -> Outcome {
        let n = min(buffer.count, Self.maxBuffer)
        guard n > from, let p = buffer.baseAddress else { return Outcome(consumed: from, line: startLine, error: nil) }
        let atEnd = atEnd && n == buffer.count
        var i = from
        var line = startLine
        var records = 0
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let delimiter = self.delimiter, quote = self.quote, escape = self.escape, hasQuote = self.hasQuote
        return special.withUnsafeBufferPointer { special in
            while i < n && records < limit {
                // A blank line is no record.
                if p[i] == lf { i += 1; line += 1; continue }
                if p[i] == cr {
                    if i + 1 < n { i += p[i + 1] == lf ? 2 : 1; line += 1; continue }
                    if !atEnd { break }
                    i += 1; line += 1; continue
                }
                let recordStart = i, recordLine = line
                let firstField = fields.items.count
                var complete = false
                var error: CSVSyntaxError?
                fieldLoop: while true {
                    if hasQuote && i < n && p[i] == quote {
                        let open = i
                        i += 1
                        let start = i
                        var escaped = false
                        var closed = false
                        while i < n {
                            let b = p[i]
                            if b == escape && escape != quote {
                                if i + 1 >= n { break }
                                if p[i + 1] == lf { line += 1 }
                                escaped = true
                                i += 2
                                continue
                            }
                            if b == quote {
                                if i + 1 < n && p[i + 1] == quote && escape == quote { escaped = true; i += 2; continue }
                                if i + 1 >= n && !atEnd { break }
                                closed = true
                                break
                            }
                            if b == lf { line += 1 }
                            i += 1
                        }
                        if !closed {
                            if atEnd {
                                error = CSVSyntaxError(kind: .unterminatedQuote, offset: open, line: recordLine,
                                                       recordOffset: recordStart, recordLine: recordLine)
                            }
                            break fieldLoop
                        }
                        fields.items.append(CSVField(start: Int32(start &- base), end: Int32(i &- base), quoted: true, escaped: escaped))
                        i += 1
                        if i >= n {
                            if atEnd { complete = true }
                            break fieldLoop
                        }
                        let b = p[i]
                        if b == delimiter { i += 1; continue fieldLoop }
                        if b == lf { i += 1; line += 1; complete = true; break fieldLoop }
                        if b == cr {
                            if i + 1 < n { i += p[i + 1] == lf ? 2 : 1 } else if atEnd { i += 1 } else { break fieldLoop }
                            line += 1; complete = true; break fieldLoop
                        }
                        error = CSVSyntaxError(kind: .textAfterQuote, offset: i, line: line, recordOffset: recordStart,
                                               recordLine: recordLine)
                        break fieldLoop
                    }
                    let start = i
                    while i < n && !special[Int(p[i])] { i += 1 }
                    if i >= n {
                        if !atEnd { break fieldLoop }
                        fields.items.append(CSVField(start: Int32(start &- base), end: Int32(i &- base), quoted: false, escaped: false))
                        complete = true
                        break fieldLoop
                    }
                    fields.items.append(CSVField(start: Int32(start &- base), end: Int32(i &- base), quoted: false, escaped: false))
                    let b = p[i]
                    if b == delimiter {
                        i += 1
                        // A delimiter at the very end leaves one empty field after it.
                        if i >= n && atEnd {
                            fields.items.append(CSVField(start: Int32(i &- base), end: Int32(i &- base), quoted: false, escaped: false))
                            complete = true
                            break fieldLoop
                        }
                        continue fieldLoop
                    }
                    if b == lf { i += 1; line += 1; complete = true; break fieldLoop }
                    // b is CR.
                    if i + 1 < n { i += p[i + 1] == lf ? 2 : 1 } else if atEnd { i += 1 } else { break fieldLoop }
                    line += 1
                    complete = true
                    break fieldLoop
                }
                if !complete {
                    // Drop the fields of the unfinished record.
                    fields.items.removeSubrange(firstField...)
                    return Outcome(consumed: recordStart, line: recordLine, error: error)
                }
                fields.recordFirstField.append(fields.items.count)
                fields.recordLine.append(recordLine)
                fields.recordOffset.append(recordStart &- base)
                records += 1
            }
            return Outcome(consumed: i, line: line, error: nil)
        }
    }

    /// skipLine returns the offset after the line that starts or contains `offset`; nil when the buffer does not hold
    /// its end (and the buffer is not the file's end).
    static func skipLine(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int, atEnd: Bool) -> Int? {
        var i = offset
        while i < buffer.count {
            if buffer[i] == UInt8(ascii: "\n") { return i + 1 }
            if buffer[i] == UInt8(ascii: "\r") {
                if i + 1 < buffer.count { return buffer[i + 1] == UInt8(ascii: "\n") ? i + 2 : i + 1 }
                return atEnd ? i + 1 : nil
            }
            i += 1
        }
        return atEnd ? buffer.count : nil
    }
}
