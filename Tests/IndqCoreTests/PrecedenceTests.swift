// Tests of the one table of operator precedence: every operator has a level, and both the parser and canonical SQL
// follow the table for every pair of operators, so that printing keeps exactly the parentheses that matter.

import Testing
@testable import IndqCore

@Suite struct PrecedenceTests {
    @Test func everyOperatorHasOneLevel() {
        for op in BinaryOp.allCases {
            let levels = Precedence.allCases.filter { level in level.operators.contains { $0.op == op } }
            #expect(levels == [op.precedence], "\(op)")
        }
        #expect(Precedence.allCases.map(\.rawValue) == Array(1...Precedence.allCases.count))
    }

    /// For every two operators, `a P b Q c` groups as the table says: the parser reads it so, the printer leaves out
    /// the parentheses that the grouping does not need and keeps the others.
    @Test func everyPairGroupsAsTheTableSays() {
        // One spelling each; a comparison never takes a comparison as its operand without parentheses.
        let ops = BinaryOp.allCases
        var checked = 0
        for p in ops {
            for q in ops where !(p.isComparison && q.isComparison) {
                let plain = "a \(p.rawValue) b \(q.rawValue) c"
                let left = "(a \(p.rawValue) b) \(q.rawValue) c"
                let right = "a \(p.rawValue) (b \(q.rawValue) c)"
                // P binds at least as tightly as Q (and repeats from the left), so `a P b` is Q's left operand.
                let groupsLeft = p.precedence > q.precedence || (p.precedence == q.precedence && p.precedence.isChain)
                #expect(canonical("select " + plain) == canonical("select " + (groupsLeft ? left : right)), "\(plain)")
                #expect(canonical("select " + (groupsLeft ? left : right)) == "SELECT " + plain, "\(plain)")
                if p.precedence != q.precedence {
                    let other = groupsLeft ? right : left
                    #expect(canonical("select " + other) == "SELECT " + other, "\(other)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func notAndUnaryMinusSitAtTheirLevels() {
        #expect(canonical("select not a = b and c") == "SELECT NOT a = b AND c")
        #expect(canonical("select not (a and b)") == "SELECT NOT (a AND b)")
        #expect(canonical("select -(a + b) * c, -a * c") == "SELECT -(a + b) * c, -a * c")
        #expect(canonical("select (a || b) between c and d || e") == "SELECT a || b BETWEEN c AND d || e")
        #expect(canonical("select (a = b) between c and d") == "SELECT (a = b) BETWEEN c AND d")
    }
}
