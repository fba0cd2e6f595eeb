// Cancellation: the long loops of a statement (rows, sorting, LIKE, string functions) ask whether it was cancelled,
// so that Ctrl-C or SIGTERM ends it within a fraction of a second, without passing the question through every call.

/// Cancellation holds, for the statement running on this thread, how to ask whether it should stop.
public enum Cancellation {
    /// Probe wraps the session's question; it is only ever used on the thread that runs the statement.
    final class Probe: @unchecked Sendable {
        let shouldStop: () -> Bool
        init(_ shouldStop: @escaping () -> Bool) { self.shouldStop = shouldStop }
    }

    @TaskLocal static var probe: Probe?

    /// run runs `body` with `shouldStop` as the question that checkpoints ask.
    static func run<T>(_ shouldStop: @escaping () -> Bool, _ body: () throws -> T) rethrows -> T {
        try $probe.withValue(Probe(shouldStop)) { try body() }
    }

    /// checkpoint throws Evaluator.Interrupted once the running statement should stop.
    static func checkpoint() throws {
        if let probe, probe.shouldStop() { throw Evaluator.Interrupted() }
    }
}
