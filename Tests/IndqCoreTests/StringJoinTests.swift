// StringJoin tests: IndqCore's joined for arrays of strings gives what the standard library's does.

import Testing
@testable import IndqCore

struct StringJoinTests {
    @Test(arguments: [[], [""], ["a"], ["a", "b"], ["", "", ""], ["ab", "", "cd", "é"]] as [[String]])
    func joinedIsTheStandardLibrarysJoined(parts: [String]) {
        for separator in ["", ", ", "─"] {
            // A sequence that is not an Array takes the standard library's joined.
            #expect(parts.joined(separator: separator) == AnySequence(parts).joined(separator: separator))
        }
        #expect(parts.joined() == AnySequence(parts).joined())
    }
}
