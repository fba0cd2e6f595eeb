// The sniffer reads the start of a file and finds its dialect and column types, as DuckDB's sniffer does: the
// delimiter whose records have the most consistent number of fields, whether the first record is a header (it is
// when a value of it does not fit its column's type, or when every column is text), and each column's type from
// its values. Beyond DuckDB, it reads Dutch spreadsheet exports: with `;` between fields, `578,4` is a decimal and
// `12.345` is 12345 when the whole column is written that way.

/// CSVOptions are read_csv's options, as DuckDB names them; nil leaves a choice to the sniffer.
public struct CSVOptions: Sendable, Equatable {
    public var delimiter: UInt8?
    /// quote is `.some(nil)` for `quote = ''`: no field is quoted.
    public var quote: UInt8??
    public var escape: UInt8??
    public var header: Bool?
    public var decimalSeparator: UInt8?
    public var thousands: UInt8?
    public var skip: Int?
    /// columns names every column and its type, and turns the sniffer's header and types off.
    public var columns: [(name: String, type: CSVColumnType)]?
    /// types sets the type of some columns, by position or by name.
    public var types: [CSVColumnType]?
    public var namedTypes: [(name: String, type: CSVColumnType)] = []
    public var nullStrings: [String]?
    public var allVarchar = false
    public var ignoreErrors = false
    public var encoding: CSVEncoding?
    /// preferTab makes tab win a tie between delimiters, for a `.tsv` file.
    public var preferTab = false

    public init() {}

    public static func == (a: CSVOptions, b: CSVOptions) -> Bool {
        a.delimiter == b.delimiter && a.quote == b.quote && a.escape == b.escape && a.header == b.header
            && a.decimalSeparator == b.decimalSeparator && a.thousands == b.thousands && a.skip == b.skip
            && a.columns?.map(\.name) == b.columns?.map(\.name) && a.columns?.map(\.type) == b.columns?.map(\.type)
            && a.types == b.types && a.namedTypes.map(\.name) == b.namedTypes.map(\.name)
            && a.nullStrings == b.nullStrings && a.allVarchar == b.allVarchar && a.ignoreErrors == b.ignoreErrors
            && a.encoding == b.encoding && a.preferTab == b.preferTab
    }
}

/// CSVSnifferError is why a file's start cannot be read: not UTF-8 at a byte.
public struct CSVEncodingError: Error, Sendable, Equatable {
    /// offset is the byte's offset from the start of the file.
    public var offset: Int
}

/// CSVSniffer finds a file's layout from its first bytes.
public enum CSVSniffer {
    /// sampleRecords is how many records the sniffer reads, as many as DuckDB's default sample.
    public static let sampleRecords = 20480
    /// candidates are the delimiters tried, in the order that wins a tie.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]

    /// sniff finds the layout of a file that starts with `bytes`; `atEnd` tells whether they are the whole file.
    /// It throws CSVEncodingError for bytes that are not UTF-8 when the encoding is neither given nor sure.
    public static func sniff(bytes: [UInt8], atEnd: Bool = true, options: CSVOptions = CSVOptions()) throws -> CSVLayout {
        try bytes.withUnsafeBufferPointer { try sniff($0, atEnd: atEnd, options: options) }
    }

    static func sniff(_ p: UnsafeBufferPointer<UInt8>, atEnd: Bool, options: CSVOptions) throws -> CSVLayout {
        var dialect = CSVDialect()
        var start = bomLength(p)
        // The sample ends at its last line end, unless it is the whole file.
        var end = p.count
        if !atEnd {
            var i = p.count
            while i > start && p[i - 1] != UInt8(ascii: "\n") { i -= 1 }
            if i > start { end = i }
        }
        let sample = UnsafeBufferPointer(rebasing: p[0..<end])
        if let e = options.encoding {
            dialect.encoding = e
        } else if let bad = CSVDecoding.invalidUTF8(sample, start, end) {
            guard isSurelyWindows1252(sample, start, end) else { throw CSVEncodingError(offset: bad) }
            dialect.encoding = .windows1252
        }
        if let skip = options.skip, skip > 0 {
            for _ in 0..<skip { start = CSVTokenizer.skipLine(sample, from: start, atEnd: true) ?? end }
            dialect.skip = skip
        }
        if let q = options.quote { dialect.quote = q; dialect.escape = q }
        if let e = options.escape { dialect.escape = e }
        let sampleAtEnd = atEnd || end == p.count
        // The delimiter.
        if let d = options.delimiter {
            dialect.delimiter = d
        } else {
            var best: (key: (Int, Int, Int), delimiter: UInt8)?
            let order = options.preferTab ? [9] + candidates.filter { $0 != 9 } : candidates
            for (rank, d) in order.enumerated() {
                var trial = dialect
                trial.delimiter = d
                var fields = CSVFields()
                _ = CSVTokenizer(trial).split(sample, from: start, line: 1, atEnd: sampleAtEnd, limit: 1000, into: &fields)
                guard fields.count > 0 else { continue }
                let width = fields.fieldCount(0)
                let consistent = (0..<fields.count).filter { fields.fieldCount($0) == width }.count
                let key = (width > 1 ? consistent : 0, width, -rank)
                if best == nil || key > best!.key { best = (key, d) }
            }
            dialect.delimiter = best?.delimiter ?? UInt8(ascii: ",")
        }
        var fields = CSVFields()
        _ = CSVTokenizer(dialect).split(sample, from: start, line: 1, atEnd: sampleAtEnd, limit: sampleRecords, into: &fields)
        let width = fields.count > 0 ? fields.fieldCount(0) : (options.columns?.count ?? 1)
        dialect.nullStrings = (options.nullStrings ?? []).map { Array($0.utf8) }
        let dutch = dialect.delimiter == UInt8(ascii: ";") && options.decimalSeparator == nil && options.thousands == nil

        // Column types: of the records after the first, then whether the first is a header.
        func detect(_ records: Range<Int>) -> [CSVColumn] {
            (0..<width).map { c in
                detectColumn(sample, fields, records, column: c, dialect: dialect, options: options, dutch: dutch)
            }
        }
        var columns: [CSVColumn]
        var header: Bool
        if let given = options.columns {
            header = options.header ?? false
            columns = given.map { CSVColumn(name: $0.name, type: $0.type, decimalSeparator: options.decimalSeparator ?? UInt8(ascii: "."),
                                            thousands: options.thousands) }
        } else {
            let rest = detect(min(1, fields.count)..<fields.count)
            if let h = options.header {
                header = h
            } else if fields.count == 0 {
                header = false
            } else {
                header = rest.allSatisfy { $0.type == .text }
                for c in 0..<width where !header && rest[c].type != .text && c < fields.fieldCount(0) {
                    let f = fields.recordFirstField[0] + c
                    if !isNull(sample, fields, f, dialect) && !fits(sample, fields.fieldStart(f), fields.fieldEnd(f), rest[c]) {
                        header = true
                    }
                }
                // A file of one record has no rows to compare with: it is a header only when it is all text.
                if fields.count == 1 { header = detect(0..<1).allSatisfy { $0.type == .text } }
            }
            columns = header ? rest : detect(0..<fields.count)
            let names = header && fields.count > 0 ? headerNames(sample, fields, dialect, width) : defaultNames(width)
            for c in columns.indices { columns[c].name = names[c] }
        }
        dialect.header = header
        if options.allVarchar {
            for c in columns.indices { columns[c].type = .text }
        }
        if let types = options.types {
            for (c, t) in types.enumerated() where c < columns.count { columns[c].type = t }
        }
        for (name, t) in options.namedTypes {
            if let c = columns.firstIndex(where: { $0.name == name }) { columns[c].type = t }
        }
        return CSVLayout(dialect: dialect, columns: columns)
    }

    /// bomLength is 3 when the bytes start with UTF-8's byte-order mark.
    static func bomLength(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        p.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
    }

    /// isSurelyWindows1252 is true when the bytes above 0x7F look like the accented letters and signs of text in a
    /// Dutch or other Western spreadsheet, and none starts valid UTF-8: every run of them is Windows-1252 letters or
    /// signs, next to an ASCII letter (`Jos\u{E9}`, `Citro\u{EB}n`) or, for a sign such as the euro, a digit or a
    /// space. Anything else (`\u{FF}\u{FE}` alone, binary data) is not sure, and gets the error.
    static func isSurelyWindows1252(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        func isHighLetter(_ b: UInt8) -> Bool { b >= 0xC0 && b != 0xD7 && b != 0xF7 || [0x8A, 0x8C, 0x8E, 0x9A, 0x9C, 0x9E, 0x9F].contains(b) }
        func isSign(_ b: UInt8) -> Bool { [0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0xA0, 0xA3, 0xA7, 0xB0, 0xB2, 0xB3, 0xB4, 0xBD].contains(b) }
        var i = start
        var any = false
        while i < end {
            guard p[i] >= 0x80 else { i += 1; continue }
            any = true
            var j = i
            var letters = true
            while j < end && p[j] >= 0x80 {
                if !isHighLetter(p[j]) && !isSign(p[j]) { return false }
                if !isHighLetter(p[j]) { letters = false }
                j += 1
            }
            if let bad = CSVDecoding.invalidUTF8(p, i, j), bad == i {} else { return false }
            let before = i > start ? p[i - 1] : 0, after = j < end ? p[j] : 0
            if letters {
                guard isLetter(before) || isLetter(after) else { return false }
            } else {
                let near: (UInt8) -> Bool = { isLetter($0) || $0 == 0x20 || $0 &- 0x30 < 10 }
                guard near(before) || near(after) else { return false }
            }
            i = j
        }
        return any
    }

    static func isNull(_ p: UnsafeBufferPointer<UInt8>, _ fields: CSVFields, _ f: Int, _ dialect: CSVDialect) -> Bool {
        let s = fields.fieldStart(f), e = fields.fieldEnd(f)
        if s == e { return true }
        for n in dialect.nullStrings where n.count == e - s {
            if (0..<n.count).allSatisfy({ p[s + $0] == n[$0] }) { return true }
        }
        return false
    }

    /// fits tells whether a field's bytes read as a value of the column.
    static func fits(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, _ column: CSVColumn) -> Bool {
        switch column.type {
        case .integer: return CSVDecoding.integer(p, s, e, thousands: column.thousands) != nil
        case .decimal: return CSVDecoding.decimal(p, s, e, decimal: column.decimalSeparator, thousands: column.thousands) != nil
        case .percentage: return CSVDecoding.percentage(p, s, e, decimal: column.decimalSeparator, thousands: column.thousands) != nil
        case .boolean: return CSVDecoding.boolean(p, s, e) != nil
        case .date: return CSVDecoding.date(p, s, e) != nil
        case .text: return true
        }
    }

    /// detectColumn finds the narrowest type that every value of a column in `records` fits.
    static func detectColumn(_ p: UnsafeBufferPointer<UInt8>, _ fields: CSVFields, _ records: Range<Int>, column c: Int,
                             dialect: CSVDialect, options: CSVOptions, dutch: Bool) -> CSVColumn {
        let dot = UInt8(ascii: "."), comma = UInt8(ascii: ",")
        let decimal = options.decimalSeparator ?? dot
        let thousands = options.thousands
        // Candidates, narrowest first; the Dutch ones only with `;` and no separator given.
        var candidates: [CSVColumn] = [
            CSVColumn(name: "", type: .boolean),
            CSVColumn(name: "", type: .integer, thousands: thousands),
        ]
        if dutch { candidates.append(CSVColumn(name: "", type: .integer, thousands: dot)) }
        candidates.append(CSVColumn(name: "", type: .decimal, decimalSeparator: decimal, thousands: thousands))
        if dutch { candidates.append(CSVColumn(name: "", type: .decimal, decimalSeparator: comma, thousands: dot)) }
        candidates.append(CSVColumn(name: "", type: .percentage, decimalSeparator: decimal, thousands: thousands))
        if dutch { candidates.append(CSVColumn(name: "", type: .percentage, decimalSeparator: comma, thousands: dot)) }
        candidates.append(CSVColumn(name: "", type: .date))
        // k is the first candidate that every value so far fits; when a value does not fit it, the next candidate
        // that fits all the values up to it takes its place (candidates are not each wider than the one before).
        func fitsValue(_ k: Int, _ f: Int) -> Bool {
            let s = fields.fieldStart(f), e = fields.fieldEnd(f)
            let type = candidates[k].type
            if type == .boolean { return CSVDecoding.isSniffedBoolean(p, s, e) }
            if type != .date && CSVDecoding.hasLeadingZero(p, s, e) { return false }
            return fits(p, s, e, candidates[k])
        }
        func fitsAll(_ k: Int, through last: Int) -> Bool {
            for r in records.lowerBound...last where c < fields.fieldCount(r) {
                let f = fields.recordFirstField[r] + c
                if !isNull(p, fields, f, dialect) && !fitsValue(k, f) { return false }
            }
            return true
        }
        var k = 0
        var anyValue = false
        for r in records where c < fields.fieldCount(r) {
            let f = fields.recordFirstField[r] + c
            if isNull(p, fields, f, dialect) { continue }
            anyValue = true
            if fitsValue(k, f) { continue }
            k += 1
            while k < candidates.count && !fitsAll(k, through: r) { k += 1 }
            if k == candidates.count { break }
        }
        guard anyValue, k < candidates.count else { return CSVColumn(name: "", type: .text) }
        return candidates[k]
    }

    /// headerNames are the first record's fields as names: an empty one is `column<i>`, a repeated one gets `_1`.
    static func headerNames(_ p: UnsafeBufferPointer<UInt8>, _ fields: CSVFields, _ dialect: CSVDialect, _ width: Int) -> [String] {
        let defaults = defaultNames(width)
        var names: [String] = []
        var seen = Set<String>()
        for c in 0..<width {
            var name = defaults[c]
            if c < fields.fieldCount(0) {
                let f = fields.recordFirstField[0] + c
                let s = fields.fieldStart(f), e = fields.fieldEnd(f)
                if e > s {
                    name = CSVDecoding.text(p, s, e, escaped: fields.fieldEscaped(f), quote: dialect.quote ?? 0,
                                            escape: dialect.escape ?? 0, encoding: dialect.encoding)
                }
            }
            var unique = name, k = 1
            while seen.contains(unique.lowercased()) { unique = "\(name)_\(k)"; k += 1 }
            seen.insert(unique.lowercased())
            names.append(unique)
        }
        return names
    }

    /// defaultNames are DuckDB's names for columns without a header: column0, column1, … (column00 … from 10 on).
    static func defaultNames(_ width: Int) -> [String] {
        let digits = String(max(0, width - 1)).count
        return (0..<width).map { i in
            let s = String(i)
            return "column" + String(repeating: "0", count: digits - s.count) + s
        }
    }
}
