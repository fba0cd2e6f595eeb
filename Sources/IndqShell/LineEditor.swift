// The REPL's view of a line source: libedit on a terminal, plain reads from a pipe, or a scripted fake in tests.
// Keeping it a protocol keeps every libedit detail out of Repl.

/// LineRead is the outcome of asking a LineEditor for one line.
public enum LineRead: Sendable, Equatable {
    /// A line, without its trailing newline.
    case line(String)
    /// Ctrl-C: the user abandoned the pending input but not the session.
    case interrupted
    /// Ctrl-D on an empty line, or the end of a piped stream.
    case endOfInput
    /// SIGTERM or SIGHUP arrived: end the session now (history is already saved).
    case terminated(signal: Int32)
}

/// LineEditor reads lines for the REPL.
public protocol LineEditor {
    /// readLine shows `prompt` and reads one line. `completions` is asked for Tab-completion candidates
    /// for the text before the cursor; it is valid only during the call, so editors must not keep it.
    mutating func readLine(prompt: String, completions: (String) -> [String]) -> LineRead
}

extension LineEditor {
    /// readLine reads one line with no completion.
    public mutating func readLine(prompt: String) -> LineRead {
        readLine(prompt: prompt, completions: { _ in [] })
    }
}
