// SQL's rules for single values, shared by every part of the engine: ordering (NULL last), three-valued AND,
// IN over a list, LIKE and concatenation. Expressions over batches apply them where no typed kernel does.

import Glibc

/// Interrupted ends a statement that was cancelled.
public struct Interrupted: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}

/// SQL holds the rules for values.
enum SQL {
    /// compareKeys orders two lists of sort keys, NULL last in both directions, as DuckDB does.
    static func compareKeys(_ a: [Value], _ b: [Value], descending: [Bool]) -> Int {
        for (j, desc) in descending.enumerated() {
            let c = compareForSort(a[j], b[j], descending: desc)
            if c != 0 { return c }
        }
        return 0
    }

    /// compareForSort orders values for ORDER BY: NULL last in both directions.
    static func compareForSort(_ a: Value, _ b: Value, descending: Bool) -> Int {
        switch (a.isNull, b.isNull) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        default:
            let c = compare(a, b) ?? 0
            return descending ? -c : c
        }
    }

    /// compareValues orders two non-null values of comparable types; nil when either is NULL.
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case (.integer(let x), .integer(let y)): return x < y ? -1 : x > y ? 1 : 0
        case (.text(var x), .text(var y)):
            // Byte order, as DuckDB compares strings.
            return x.withUTF8 { a in y.withUTF8 { b in compareBytes(a, b) } }
        case (.boolean(let x), .boolean(let y)): return x == y ? 0 : (!x ? -1 : 1)
        case (.date(let x), .date(let y)): return x.days < y.days ? -1 : x.days > y.days ? 1 : 0
        default:
            return Arithmetic.compare(a, b)
        }
    }

    /// compareBytes orders two texts' UTF-8 bytes: -1, 0 or 1.
    @inline(__always)
    static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        let c = n == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, n)
        if c != 0 { return c < 0 ? -1 : 1 }
        return a.count < b.count ? -1 : a.count > b.count ? 1 : 0
    }

    /// membership is SQL's IN: false for an empty list (even for NULL, as DuckDB has it); else true on a match, else
    /// null if a null was involved, else false.
    static func membership(_ v: Value, _ list: [Value]) throws -> Bool? {
        if list.isEmpty { return false }
        var sawNull = v.isNull
        for item in list {
            let c = compare(v, item)
            if c == nil { sawNull = true } else if c == 0 { return true }
        }
        return sawNull ? nil : false
    }

    /// like matches `%` (any run of characters) and `_` (one character). The pattern is cut at each `%` into pieces
    /// that must appear in order: the first at the start, the last at the end, each middle one at its leftmost
    /// place after the one before (which is always right, as the `%` between them absorbs any gap). A piece without
    /// `_` is found by KMP, in linear time; one with `_` by trying each place, O(n·m) at worst. Long searches ask
    /// whether the statement was cancelled.
    static func like(_ s: String, _ pattern: String) throws -> Bool {
        let text = Array(s.unicodeScalars)
        let pieces = pattern.unicodeScalars.split(separator: "%", omittingEmptySubsequences: false).map(Array.init)
        func matches(_ piece: [Unicode.Scalar], at start: Int) -> Bool {
            guard start >= 0, start + piece.count <= text.count else { return false }
            for k in piece.indices where piece[k] != "_" && piece[k] != text[start + k] { return false }
            return true
        }
        guard pieces.count > 1 else { return text.count == pieces[0].count && matches(pieces[0], at: 0) }
        let first = pieces[0], last = pieces[pieces.count - 1]
        guard first.count + last.count <= text.count, matches(first, at: 0), matches(last, at: text.count - last.count) else {
            return false
        }
        var from = first.count
        let end = text.count - last.count
        for piece in pieces[1..<(pieces.count - 1)] where !piece.isEmpty {
            guard let at = try find(piece, in: text, from: from, to: end) else { return false }
            from = at + piece.count
        }
        return true
    }

    /// find returns the leftmost place of `piece` in text[from..<to], `_` matching any one character.
    static func find(_ piece: [Unicode.Scalar], in text: [Unicode.Scalar], from: Int, to: Int) throws -> Int? {
        let m = piece.count
        guard to - from >= m else { return nil }
        if piece.contains("_") {
            var work = 0
            for start in from...(to - m) {
                var k = 0
                while k < m && (piece[k] == "_" || piece[k] == text[start + k]) { k += 1 }
                if k == m { return start }
                work += k + 1
                if work > 1 << 16 { work = 0; try Cancellation.checkpoint() }
            }
            return nil
        }
        // Knuth–Morris–Pratt: failure[k] is the length of the longest proper border of piece[0...k].
        var failure = [Int](repeating: 0, count: m)
        var k = 0
        for i in 1..<max(1, m) {
            while k > 0 && piece[i] != piece[k] { k = failure[k - 1] }
            if piece[i] == piece[k] { k += 1 }
            failure[i] = k
        }
        k = 0
        for i in from..<to {
            while k > 0 && text[i] != piece[k] { k = failure[k - 1] }
            if text[i] == piece[k] { k += 1 }
            if k == m { return i - m + 1 }
            if i & 0xFFFF == 0 { try Cancellation.checkpoint() }
        }
        return nil
    }

    /// concatenate is `a || b`; a result too long for the memory limit is refused before it is built.
    static func concatenate(_ a: Value, _ b: Value) throws -> Value {
        let x = a.display ?? "", y = b.display ?? ""
        try Cancellation.allow(x.utf8.count + y.utf8.count)
        return .text(x + y)
    }

    static func and(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }

    static func negate(_ b: Bool?, _ negated: Bool) -> Value {
        guard let b else { return .null }
        return .boolean(b != negated)
    }

    static func boolOf(_ v: Value) -> Bool? {
        if case .boolean(let b) = v { return b }
        return nil
    }

}
