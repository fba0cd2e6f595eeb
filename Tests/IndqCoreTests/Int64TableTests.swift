// Int64Table: the hash table of whole-number keys that GROUP BY, count(DISTINCT …) and IN (select …) use. Its ids
// must be dense and in order of first appearance, and no key may be lost when the table grows.

import Testing
@testable import IndqCore

struct Int64TableTests {
    @Test func givesDenseIdsInOrderOfFirstAppearance() {
        var table = Int64Table()
        let keys: [Int64] = [5, -1, 5, .min, .max, 0, -1, 1 << 40]
        let ids = keys.map { table.id(of: $0).id }
        #expect(ids == [0, 1, 0, 2, 3, 4, 1, 5])
        #expect(table.keys == [5, -1, .min, .max, 0, 1 << 40])
        #expect(table.count == 6)
    }

    @Test func keepsEveryKeyAsItGrows() {
        var table = Int64Table(capacity: 1)
        // Multiples of a large power of two share their low bits, which a weak hash would pile into few slots.
        let keys = (0..<50_000).map { Int64($0) << 32 } + (0..<50_000).map { -Int64($0) - 1 }
        for (n, k) in keys.enumerated() { #expect(table.id(of: k) == (n, true)) }
        #expect(keys.allSatisfy(table.contains))
        #expect(!table.contains(7))
        #expect(table.id(of: keys[12_345]) == (12_345, false))
    }
}
