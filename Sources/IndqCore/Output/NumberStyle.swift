// Number display for people: `.numbers nl` writes 12.345 and 82,5%, `.numbers en` 12,345 and 82.5%, and
// `.numbers plain` 12345. Only table output and charts use it; csv and json always write plain digits.

/// NumberStyle is how table output groups digits and marks decimals.
public enum NumberStyle: String, CaseIterable, Sendable {
    case plain, nl, en

    /// fromLocale picks the style of the user's locale settings, or plain when they name no known language.
    public static func fromLocale(_ environment: (String) -> String?) -> NumberStyle {
        for name in ["LC_ALL", "LC_NUMERIC", "LANG"] {
            guard let value = environment(name), !value.isEmpty else { continue }
            if value.hasPrefix("nl") { return .nl }
            if value.hasPrefix("en") { return .en }
            return .plain
        }
        return .plain
    }

    /// format writes a value in this style; text and NULL are left as they are.
    public func format(_ v: Value) -> String? {
        guard self != .plain, let plain = v.display else { return v.display }
        switch v {
        case .integer, .decimal, .double, .percentage, .points: return localize(plain)
        default: return plain
        }
    }

    /// localize groups the digits before the point in threes and swaps the separators for Dutch.
    func localize(_ plain: String) -> String {
        var s = Substring(plain)
        let sign = s.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { s = s.dropFirst() }
        let suffix = s.hasSuffix("%") ? "%" : s.hasSuffix(" pp") ? " pp" : ""
        s = s.dropLast(suffix.count)
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        guard whole.allSatisfy(\.isNumber) else { return plain }
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(self == .nl ? "." : ",") }
            grouped.append(ch)
        }
        if parts.count == 2 { grouped += (self == .nl ? "," : ".") + parts[1] }
        return sign + grouped + suffix
    }
}
