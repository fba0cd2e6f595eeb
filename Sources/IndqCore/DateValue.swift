// Dates, as DuckDB's DATE: a day of the proleptic Gregorian calendar, held as days since 1970-01-01. indq keeps
// years 1 through 9999, so that every date prints as ISO `YYYY-MM-DD` and sorts as its text does; arithmetic
// that leaves the range is an error with its place, never a trap.
//
// The parse functions read bytes without allocating, for the CSV sniffer, which calls them on every field:
//   parseISO:   `YYYY-MM-DD`, exactly four, two and two digits (`2022-03-31`);
//   parseDutch: `dd-mm-jjjj` and `d-m-jjjj`, a day and a month of one or two digits and a four-digit year
//               (`31-03-2022`, `1-4-2022`), as spreadsheets in a Dutch locale write them.
// parse (for CAST and date literals) is more lenient, as DuckDB's cast is: spaces around, and months and days of
// one or two digits (`2022-3-1`).

/// DateValue is a day, `days` after 1970-01-01 (negative before it).
public struct DateValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let days: Int32

    /// The first and last day indq keeps: 0001-01-01 and 9999-12-31.
    public static let minDays: Int32 = -719_162
    public static let maxDays: Int32 = 2_932_896
    public static let min = DateValue(uncheckedDays: minDays)
    public static let max = DateValue(uncheckedDays: maxDays)
    /// rangeText says the range in messages.
    public static let rangeText = "dates run from 0001-01-01 to 9999-12-31"

    init(uncheckedDays: Int32) { days = uncheckedDays }

    /// init(days:) is the day `days` after 1970-01-01, or nil outside 0001-01-01 … 9999-12-31.
    public init?(days: Int64) {
        guard days >= Int64(Self.minDays), days <= Int64(Self.maxDays) else { return nil }
        self.days = Int32(days)
    }

    /// init(year:month:day:) is that day, or nil when there is no such day (2022-02-29) or it is out of range.
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= DateValue.daysIn(month: month, year: year) else { return nil }
        days = Int32(DateValue.daysFromCivil(year, month, day))
    }

    public static func < (a: DateValue, b: DateValue) -> Bool { a.days < b.days }

    /// isLeap tells the Gregorian leap years: every fourth, but not every hundredth unless every four hundredth.
    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // The conversions between days and (year, month, day) count in eras of 400 years from 0000-03-01, so that the
    // leap day falls at the end of a counted year.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// components is the date's year, month (1–12) and day of the month (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// dayOfWeek is 0 for Sunday through 6 for Saturday, as DuckDB's dayofweek; 1970-01-01 was a Thursday.
    public var dayOfWeek: Int { ((Int(days) + 4) % 7 + 7) % 7 }
    /// isoDayOfWeek is 1 for Monday through 7 for Sunday.
    public var isoDayOfWeek: Int { dayOfWeek == 0 ? 7 : dayOfWeek }
    /// dayOfYear is 1 for January 1st.
    public var dayOfYear: Int { Int(days) - DateValue.daysFromCivil(year, 1, 1) + 1 }
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// isoWeek is the ISO 8601 week (1–53) and the year it belongs to: weeks start on Monday, and week 1 holds the
    /// year's first Thursday, so 2021-01-03 is in week 53 of 2020.
    public var isoWeek: (year: Int, week: Int) {
        // The Thursday of this date's week decides its year.
        let thursday = Int(days) - (isoDayOfWeek - 1) + 3
        let year = DateValue(uncheckedDays: Int32(clamping: thursday)).year
        let week = (thursday - DateValue.daysFromCivil(year, 1, 1)) / 7 + 1
        return (year, week)
    }

    /// adding moves the date by `n` days; nil when the result leaves the range.
    public func adding(days n: Int64) -> DateValue? {
        let (sum, overflow) = Int64(days).addingReportingOverflow(n)
        return overflow ? nil : DateValue(days: sum)
    }

    /// description is ISO 8601: `2022-03-31`, in every output format.
    public var description: String {
        let (y, m, d) = components
        var bytes: [UInt8] = [0, 0, 0, 0, 0x2D, 0, 0, 0x2D, 0, 0]
        func put(_ value: Int, _ at: Int, _ width: Int) {
            var v = value
            for k in stride(from: at + width - 1, through: at, by: -1) {
                bytes[k] = UInt8(0x30 + v % 10)
                v /= 10
            }
        }
        put(y, 0, 4)
        put(m, 5, 2)
        put(d, 8, 2)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Parsing

    /// parseISO reads exactly `YYYY-MM-DD`; nil for anything else, or for a day that does not exist.
    public static func parseISO(_ bytes: UnsafeBufferPointer<UInt8>) -> DateValue? {
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
              let y = digits(bytes, 0, 4), let m = digits(bytes, 5, 2), let d = digits(bytes, 8, 2) else { return nil }
        return DateValue(year: y, month: m, day: d)
    }

    /// parseDutch reads `dd-mm-jjjj` or `d-m-jjjj` (`31-03-2022`, `1-4-2022`); nil for anything else, or for a day
    /// that does not exist.
    public static func parseDutch(_ bytes: UnsafeBufferPointer<UInt8>) -> DateValue? {
        let n = bytes.count
        guard n >= 8, n <= 10, bytes[n - 5] == 0x2D, let y = digits(bytes, n - 4, 4) else { return nil }
        // The first dash is after one or two digits of the day.
        let firstDash = bytes[1] == 0x2D ? 1 : 2
        let monthLength = n - 5 - firstDash - 1
        guard bytes[firstDash] == 0x2D, monthLength == 1 || monthLength == 2,
              let d = digits(bytes, 0, firstDash), let m = digits(bytes, firstDash + 1, monthLength) else { return nil }
        return DateValue(year: y, month: m, day: d)
    }

    public static func parseISO(_ text: Substring) -> DateValue? {
        withBytes(text) { parseISO($0) }
    }

    public static func parseDutch(_ text: Substring) -> DateValue? {
        withBytes(text) { parseDutch($0) }
    }

    /// parse reads a date as CAST and a date literal do: `YYYY-MM-DD` with spaces around allowed, a month and a
    /// day of one or two digits, and a year of one to four digits (`2022-3-1`).
    public static func parse(_ text: Substring) -> DateValue? {
        withBytes(text) { b in
            guard let (y, m, d) = fields(b) else { return nil }
            return DateValue(year: y, month: m, day: d)
        }
    }

    /// parseError says why `text` is not a date, for CAST's message: a field out of range, a day the month does not
    /// have, or a shape that is not `YYYY-MM-DD`.
    public static func parseError(_ text: Substring) -> String {
        let quoted = "'" + String(text.prefix(40)) + (text.count > 40 ? "…" : "") + "'"
        return withBytes(text) { b -> String in
            guard let (y, m, d) = fields(b) else { return "expected a date as YYYY-MM-DD, found \(quoted)" }
            if y < 1 { return "\(quoted) is out of range (\(rangeText))" }
            if m < 1 || m > 12 { return "\(quoted) is not a date: month \(m) does not exist (expected 1 to 12)" }
            if d < 1 || d > daysIn(month: m, year: y) {
                let leap = m == 2 && d == 29 ? " (\(y) is not a leap year)" : ""
                return "\(quoted) is not a date: \(monthNames[m - 1]) \(y) has \(daysIn(month: m, year: y)) days\(leap)"
            }
            return "expected a date as YYYY-MM-DD, found \(quoted)"
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// fields splits `Y-M-D` (spaces around allowed) into numbers without checking their ranges.
    static func fields(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        var start = 0, end = b.count
        while start < end, isSpace(b[start]) { start += 1 }
        while end > start, isSpace(b[end - 1]) { end -= 1 }
        var i = start
        var values = (0, 0, 0)
        // Three runs of digits, separated by single dashes.
        for k in 0..<3 {
            let from = i
            while i < end, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            let length = i - from
            guard length >= 1, length <= (k == 0 ? 4 : 2), let v = digits(b, from, length) else { return nil }
            switch k {
            case 0: values.0 = v
            case 1: values.1 = v
            default: values.2 = v
            }
            if k < 2 {
                guard i < end, b[i] == 0x2D else { return nil }
                i += 1
            }
        }
        return i == end ? values : nil
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// digits reads `length` ASCII digits at `at`; nil if one is not a digit.
    @inline(__always) static func digits(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ length: Int) -> Int? {
        var v = 0
        for k in at..<(at + length) {
            let c = b[k] &- 0x30
            guard c <= 9 else { return nil }
            v = v * 10 + Int(c)
        }
        return v
    }

    /// withBytes runs `body` over a text's UTF-8 bytes, in place where the text is contiguous.
    static func withBytes<R>(_ text: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }
}
