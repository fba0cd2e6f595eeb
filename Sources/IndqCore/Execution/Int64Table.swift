// A hash table for whole-number keys, the commonest keys of GROUP BY, count(DISTINCT …) and IN (select …): open
// addressing with linear probing and a multiplicative hash, several times quicker for Int64 keys than a Dictionary,
// whose hash is seeded and generic.

/// Int64Table gives each distinct key a dense id, 0, 1, 2… in order of first appearance.
struct Int64Table {
    /// slots hold id + 1 of the key that sits there, 0 when empty; their count is a power of two, at most half full.
    private var slots: [Int32]
    private var shift: UInt64
    /// keys are the keys by id.
    private(set) var keys: [Int64] = []

    init(capacity: Int = 8) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    var count: Int { keys.count }

    @inline(__always) private func home(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// id gives the key's id, adding the key when it is new.
    mutating func id(of key: Int64) -> (id: Int, inserted: Bool) {
        let mask = slots.count - 1
        var i = home(key)
        while true {
            let s = slots[i]
            if s == 0 { break }
            if keys[Int(s) - 1] == key { return (Int(s) - 1, false) }
            i = (i + 1) & mask
        }
        if 2 * (keys.count + 1) > slots.count {
            grow()
            return id(of: key)
        }
        keys.append(key)
        slots[i] = Int32(truncatingIfNeeded: keys.count)
        return (keys.count - 1, true)
    }

    /// find gives the key's id, or nil when the key is not in the table.
    func find(_ key: Int64) -> Int? {
        let mask = slots.count - 1
        var i = home(key)
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if keys[Int(s) - 1] == key { return Int(s) - 1 }
            i = (i + 1) & mask
        }
    }

    /// contains tells whether the key is in the table.
    func contains(_ key: Int64) -> Bool {
        let mask = slots.count - 1
        var i = home(key)
        while true {
            let s = slots[i]
            if s == 0 { return false }
            if keys[Int(s) - 1] == key { return true }
            i = (i + 1) & mask
        }
    }

    /// grow doubles the slots and puts every key in again.
    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        let mask = size - 1
        for (id, key) in keys.enumerated() {
            var i = home(key)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(truncatingIfNeeded: id + 1)
        }
    }
}
