// Statement guards: the long loops of a statement (rows, sorting, LIKE, grouping) ask whether it was cancelled, so
// that Ctrl-C or SIGTERM ends it within a fraction of a second, and the big allocations (result rows, provenance,
// sort keys) are counted against the memory limit, so that a statement that would need too much fails with an error
// before the operating system kills indq. Neither question is passed through every call: the statement's guard is
// a task-local value.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Cancellation holds, for the statement running on this thread, how to ask whether it should stop, and its memory.
public enum Cancellation {
    /// Probe wraps the session's question and counts memory; it is only used on the thread that runs the statement.
    final class Probe: @unchecked Sendable {
        let shouldStop: () -> Bool
        let memoryLimit: Int
        var used = 0
        init(_ shouldStop: @escaping () -> Bool, memoryLimit: Int) {
            self.shouldStop = shouldStop
            self.memoryLimit = memoryLimit
        }
    }

    @TaskLocal static var probe: Probe?

    /// run runs `body` with `shouldStop` as the question that checkpoints ask, and `memoryLimit` as its budget.
    static func run<T>(_ shouldStop: @escaping () -> Bool, memoryLimit: Int = .max, _ body: () throws -> T) rethrows -> T {
        try $probe.withValue(Probe(shouldStop, memoryLimit: memoryLimit)) { try body() }
    }

    /// checkpoint throws Interrupted once the running statement should stop.
    static func checkpoint() throws {
        if let probe, probe.shouldStop() { throw Interrupted() }
    }

    /// charge counts `bytes` that the statement keeps until it ends, and fails once they pass the memory limit.
    static func charge(_ bytes: Int) throws {
        guard let probe else { return }
        probe.used += bytes
        if probe.used > probe.memoryLimit { throw MemoryLimitExceeded(limit: probe.memoryLimit) }
    }

    /// release gives back bytes charged for rows that are no longer held, e.g. those that top k dropped.
    static func release(_ bytes: Int) {
        guard let probe else { return }
        probe.used -= min(bytes, probe.used)
    }

    /// allow fails when `bytes` more would pass the memory limit, without counting them: a function that builds a
    /// long text asks before it builds it, so that the limit, not the operating system, refuses it. Long work also
    /// asks for cancellation.
    static func allow(_ bytes: Int) throws {
        guard let probe, bytes > 1 << 16 else { return }
        if bytes > probe.memoryLimit - min(probe.used, probe.memoryLimit) { throw MemoryLimitExceeded(limit: probe.memoryLimit) }
        try checkpoint()
    }

    /// charge counts a row of values: each value, the text it holds, and about as much again for its printed form.
    static func charge(row: [Value], overhead: Int = 64) throws {
        guard probe != nil else { return }
        try charge(overhead + bytes(of: row))
    }

    /// bytes estimates what a row of values holds: each value, the text it holds, and as much again for its printed form.
    static func bytes(of row: [Value]) -> Int {
        var bytes = 32 + row.count * 40
        for v in row { if case .text(let s) = v { bytes += 2 * s.utf8.count } }
        return bytes
    }

    /// holding counts a chunk of rows against the limit while `body` writes it, and gives the memory back after.
    static func holding(_ rows: [[Value]], _ body: () -> Void) throws {
        guard probe != nil else { return body() }
        let bytes = rows.reduce(0) { $0 + 64 + Self.bytes(of: $1) }
        try charge(bytes)
        body()
        release(bytes)
    }
}

/// MemoryLimitExceeded ends a statement that would need more memory than `set memory_limit` allows.
public struct MemoryLimitExceeded: Error, CustomStringConvertible {
    public var limit: Int
    public var description: String {
        "out of memory: this statement needs more than the memory limit of \(MemorySize.format(limit)); "
            + "raise it with set memory_limit = '\(MemorySize.format(limit * 2, compact: true))', or ask for fewer rows"
    }
}

/// MemorySize reads and writes sizes as DuckDB does: '1GB' is 10^9 bytes, '1GiB' is 2^30.
public enum MemorySize {
    static let units: [(String, Double)] = [
        ("b", 1), ("byte", 1), ("bytes", 1), ("kb", 1e3), ("mb", 1e6), ("gb", 1e9), ("tb", 1e12),
        ("kib", 1024), ("mib", 1_048_576), ("gib", 1_073_741_824), ("tib", 1_099_511_627_776),
    ]

    /// parse reads '1GB', '512 MB', '1.5GiB' or a number of bytes; nil for anything else.
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: " ").lowercased()
        let digits = t.prefix { $0.isNumber || $0 == "." }
        let unit = t.dropFirst(digits.count).trimmingCharacters(in: " ")
        guard !digits.isEmpty, let number = Double(digits), number > 0 else { return nil }
        let factor = unit.isEmpty ? 1 : units.first { $0.0 == unit }?.1
        guard let factor, number * factor >= 1, number * factor < 9e18 else { return nil }
        return Int(number * factor)
    }

    /// format writes a size with one decimal in the largest unit that fits: 1.0 GB, 512.0 MB.
    public static func format(_ bytes: Int, compact: Bool = false) -> String {
        for (name, factor) in [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)] where Double(bytes) >= factor {
            let value = Double(bytes) / factor
            let shown = compact ? String(Int(value.rounded(.up))) : String(format1(value))
            return shown + (compact ? "" : " ") + name
        }
        return "\(bytes) bytes"
    }

    static func format1(_ d: Double) -> String {
        let tenths = Int((d * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// defaultLimit is half the machine's memory, as DuckDB's default.
    public static let defaultLimit: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return 4_000_000_000 }
        return pages / 2 * size
    }()
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
