// Decoding: a field's bytes → a value of its column's type. Numbers are read straight from the bytes, with the
// column's decimal and thousands separators; text is checked as UTF-8, or mapped from Latin-1 or Windows-1252.
// Every parser returns nil for a field that does not fit, and the reader turns that into an error at its place.

/// CSVNumber is a number read from a field: units / 10^scale.
struct CSVNumber {
    var units: Int128
    var scale: Int
}

enum CSVDecoding {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+"), zero = UInt8(ascii: "0"), percent = UInt8(ascii: "%")

    /// trimmed gives the range without spaces and tabs around it, as DuckDB's casts ignore them.
    @inline(__always)
    static func trimmed(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start, e = end
        while s < e && (p[s] == space || p[s] == tab) { s += 1 }
        while e > s && (p[e - 1] == space || p[e - 1] == tab) { e -= 1 }
        return (s, e)
    }

    /// integer reads `-42`, `+7` or, with a thousands separator, `42.690`, whose groups must have three digits.
    @inline(__always)
    static func integer(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, thousands: UInt8?) -> Int64? {
        // Most fields are a few digits and nothing else: 18 digits cannot pass Int64.max.
        if end > start && end - start <= 18 {
            var v: Int64 = 0, k = start
            while k < end {
                let d = p[k] &- zero
                if d >= 10 { break }
                v = v &* 10 &+ Int64(d)
                k += 1
            }
            if k == end { return v }
        }
        var (i, e) = trimmed(p, start, end)
        guard i < e else { return nil }
        var negative = false
        if p[i] == minus || p[i] == plus { negative = p[i] == minus; i += 1 }
        guard i < e else { return nil }
        var v: Int64 = 0
        var groupDigits = -1  // digits since the last separator; -1 before the first
        var digits = 0
        while i < e {
            let d = p[i] &- zero
            if d < 10 {
                // Accumulating negatively reaches Int64.min too.
                let (m, o1) = v.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(Int64(d))
                if o1 || o2 { return nil }
                v = s
                digits += 1
                if groupDigits >= 0 { groupDigits += 1; if groupDigits > 3 { return nil } }
            } else if let t = thousands, p[i] == t {
                if digits == 0 || digits > 3 && groupDigits < 0 || groupDigits >= 0 && groupDigits != 3 { return nil }
                groupDigits = 0
            } else {
                return nil
            }
            i += 1
        }
        if groupDigits >= 0 && groupDigits != 3 { return nil }
        if negative { return v }
        return v == Int64.min ? nil : -v
    }

    /// number reads a decimal such as `578,4` or `1.234,5` (or `1e3` with `.`): its units and scale; nil beyond 38
    /// digits or for anything else.
    static func number(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimal: UInt8, thousands: UInt8?) -> CSVNumber? {
        var (i, e) = trimmed(p, start, end)
        guard i < e else { return nil }
        var negative = false
        if p[i] == minus || p[i] == plus { negative = p[i] == minus; i += 1 }
        var units: Int128 = 0
        var digits = 0, scale = 0
        var seenPoint = false
        var anyDigit = false
        var groupDigits = -1, intDigits = 0
        var exponent = 0
        while i < e {
            let b = p[i]
            let d = b &- zero
            if d < 10 {
                anyDigit = true
                if units != 0 || d != 0 { digits += 1 }
                if digits > DecimalValue.maxDigits { return nil }
                units = units * 10 + Int128(d)
                if seenPoint { scale += 1 } else {
                    intDigits += 1
                    if groupDigits >= 0 { groupDigits += 1; if groupDigits > 3 { return nil } }
                }
            } else if b == decimal && !seenPoint {
                if groupDigits >= 0 && groupDigits != 3 { return nil }
                seenPoint = true
            } else if let t = thousands, b == t, !seenPoint {
                if intDigits == 0 || intDigits > 3 && groupDigits < 0 || groupDigits >= 0 && groupDigits != 3 { return nil }
                groupDigits = 0
            } else if (b == UInt8(ascii: "e") || b == UInt8(ascii: "E")) && anyDigit && decimal == UInt8(ascii: ".") {
                // An exponent, as DuckDB's DOUBLE reads `1e3`.
                var j = i + 1
                var eNegative = false
                if j < e && (p[j] == minus || p[j] == plus) { eNegative = p[j] == minus; j += 1 }
                guard j < e else { return nil }
                var x = 0
                while j < e {
                    let ed = p[j] &- zero
                    guard ed < 10 else { return nil }
                    x = x * 10 + Int(ed)
                    if x > 1000 { return nil }
                    j += 1
                }
                exponent = eNegative ? -x : x
                i = e
                break
            } else {
                return nil
            }
            i += 1
        }
        guard anyDigit else { return nil }
        if !seenPoint && groupDigits >= 0 && groupDigits != 3 { return nil }
        scale -= exponent
        while scale < 0 {
            // An exponent can ask for more digits than Int128 holds (92233720368e970): not a number of the column.
            let (shifted, overflow) = units.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            units = shifted
            digits += 1
            if digits > DecimalValue.maxDigits { return nil }
            scale += 1
        }
        while scale > DecimalValue.maxDigits {
            guard units % 10 == 0 else { return nil }
            units /= 10
            scale -= 1
        }
        return CSVNumber(units: negative ? -units : units, scale: scale)
    }

    /// decimal reads a field as an exact decimal.
    static func decimal(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimal sep: UInt8, thousands: UInt8?) -> DecimalValue? {
        guard let n = number(p, start, end, decimal: sep, thousands: thousands) else { return nil }
        return DecimalValue(units: n.units, scale: n.scale)
    }

    /// percentage reads `82%`, `82.5%` or `82,5%` as the fraction 0.82, 0.825.
    static func percentage(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimal sep: UInt8, thousands: UInt8?) -> DecimalValue? {
        let (s, e) = trimmed(p, start, end)
        guard e > s, p[e - 1] == percent else { return nil }
        guard let n = number(p, s, e - 1, decimal: sep, thousands: thousands), n.scale + 2 <= DecimalValue.maxDigits else { return nil }
        return DecimalValue(units: n.units, scale: n.scale + 2)
    }

    /// boolean reads true, false, t, f, yes, no, 1 and 0 (any case), as DuckDB's cast does.
    static func boolean(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
        let (s, e) = trimmed(p, start, end)
        let n = e - s
        guard n >= 1 && n <= 5 else { return nil }
        var word: UInt64 = 0
        for i in s..<e { word = word << 8 | UInt64(p[i] | 0x20) }
        switch word {
        case 0x74, 0x74727565, 0x796573, 0x31: return true     // t, true, yes, 1
        case 0x66, 0x66616c7365, 0x6e6f, 0x30: return false    // f, false, no, 0
        default: return nil
        }
    }

    /// isSniffedBoolean is the sniffer's test: 1 and 0 make a column of whole numbers, not of booleans.
    static func isSniffedBoolean(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let (s, e) = trimmed(p, start, end)
        return boolean(p, start, end) != nil && !(e - s == 1 && (p[s] == UInt8(ascii: "0") || p[s] == UInt8(ascii: "1")))
    }

    /// hasLeadingZero tells a number written with a zero before another digit (`007`, `01.5`), which the sniffer
    /// leaves as text, as DuckDB does, since such a field is usually a code.
    static func hasLeadingZero(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var (s, e) = trimmed(p, start, end)
        if s < e && (p[s] == minus || p[s] == plus) { s += 1 }
        return e - s >= 2 && p[s] == zero && p[s + 1] &- zero < 10
    }

    /// date reads an ISO date (2023-01-31) or a Dutch one (31-01-2023), with spaces around.
    static func date(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> DateValue? {
        let (s, e) = trimmed(p, start, end)
        let bytes = UnsafeBufferPointer(rebasing: p[s..<e])
        return DateValue.parseISO(bytes) ?? DateValue.parseDutch(bytes)
    }

    /// windows1252High maps the bytes 0x80–0x9F of Windows-1252 to their code points; 0 where the byte is undefined.
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178]

    /// text makes a String of a field's bytes, removing the escapes of a quoted field.
    static func text(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, escaped: Bool, quote: UInt8, escape: UInt8,
                     encoding: CSVEncoding) -> String {
        if !escaped && encoding == .utf8 {
            return String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        var i = start
        while i < end {
            let b = p[i]
            if escaped && b == escape && i + 1 < end && (escape != quote || p[i + 1] == quote) {
                bytes.append(p[i + 1])
                i += 2
                continue
            }
            bytes.append(b)
            i += 1
        }
        switch encoding {
        case .utf8:
            return String(decoding: bytes, as: UTF8.self)
        case .latin1, .windows1252:
            var s = String()
            s.reserveCapacity(bytes.count)
            for b in bytes {
                var v = UInt32(b)
                if encoding == .windows1252 && b >= 0x80 && b < 0xA0 && windows1252High[Int(b - 0x80)] != 0 {
                    v = windows1252High[Int(b - 0x80)]
                }
                s.unicodeScalars.append(Unicode.Scalar(v)!)
            }
            return s
        }
    }

    /// lineText decodes a line of a file for a message or a listing: in the file's encoding, or as Latin-1 when a
    /// file taken for UTF-8 is not valid UTF-8 there, so that the line is shown as its bytes are.
    static func lineText(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, encoding: CSVEncoding) -> String {
        text(p, start, end, escaped: false, quote: 0, escape: 0,
             encoding: encoding == .utf8 && invalidUTF8(p, start, end) != nil ? .latin1 : encoding)
    }

    /// invalidUTF8 returns the offset of the first byte in `start..<end` that is not part of valid UTF-8, or nil.
    static func invalidUTF8(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end {
            // Eight ASCII bytes at a time.
            if i + 8 <= end {
                let w = UnsafeRawPointer(p.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let b = p[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var lowest: UInt32 = 0
            var v: UInt32 = 0
            if b & 0xE0 == 0xC0 { need = 1; lowest = 0x80; v = UInt32(b & 0x1F) }
            else if b & 0xF0 == 0xE0 { need = 2; lowest = 0x800; v = UInt32(b & 0x0F) }
            else if b & 0xF8 == 0xF0 { need = 3; lowest = 0x10000; v = UInt32(b & 0x07) }
            else { return i }
            for k in 1...need {
                guard i + k < end, p[i + k] & 0xC0 == 0x80 else { return i }
                v = v << 6 | UInt32(p[i + k] & 0x3F)
            }
            if v < lowest || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }
}
