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

/// CompletionContext is the line being edited, split at the cursor, for Tab completion.
public struct CompletionContext: Sendable, Equatable {
    /// before is the pending statement's earlier lines and the current line up to the cursor.
    public var before: String
    /// after is the rest of the current line, which may name the dataset (`select ye| from studenten`).
    public var after: String

    public init(before: String, after: String = "") {
        self.before = before
        self.after = after
    }
}

/// LineEditor reads lines for the REPL.
public protocol LineEditor {
    /// readLine shows `prompt` and reads one line. `completions` is asked for Tab-completion candidates
    /// for the text before the cursor; it is valid only during the call, so editors must not keep it.
    mutating func readLine(prompt: String, completions: (CompletionContext) -> [String]) -> LineRead
    /// moreInputIsWaiting tells, after a line, whether more input arrived with it (a paste) or follows at once.
    mutating func moreInputIsWaiting() -> Bool
}

extension LineEditor {
    /// moreInputIsWaiting is false for editors that cannot tell: every line then counts as typed.
    public mutating func moreInputIsWaiting() -> Bool { false }

    /// readLine reads one line with no completion.
    public mutating func readLine(prompt: String) -> LineRead {
        readLine(prompt: prompt, completions: { (_: CompletionContext) in [] })
    }
}
