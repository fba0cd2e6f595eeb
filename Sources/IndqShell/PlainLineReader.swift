// PlainLineReader reads lines from a file descriptor that is not a terminal: no prompt, no editing, no history.
// It never traps on bad input: invalid UTF-8 becomes U+FFFD and lines may be any length.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PlainLineReader splits a byte stream into lines.
public struct PlainLineReader: LineEditor {
    /// fileDescriptor is read from; it is not closed.
    public let fileDescriptor: Int32
    /// pending holds bytes read but not yet returned as a line.
    private var pending: [UInt8] = []
    /// scanned is how far `pending` is known to hold no newline, so a long line is scanned once.
    private var scanned = 0
    /// atEnd is set once read() has returned 0 or failed.
    private var atEnd = false

    /// init reads from `fileDescriptor`, standard input by default.
    public init(fileDescriptor: Int32 = 0) {
        self.fileDescriptor = fileDescriptor
    }

    /// readLine returns the next line; the prompt and completions are ignored because nobody is typing.
    public mutating func readLine(prompt: String, completions: (CompletionContext) -> [String]) -> LineRead {
        while true {
            if let newline = pending[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                // A CRLF file should not leave a stray \r at the end of every line.
                if end > 0, pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let text = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...newline)
                scanned = 0
                return .line(text)
            }
            scanned = pending.count
            if atEnd {
                if pending.isEmpty { return .endOfInput }
                // The last line had no newline: still a line.
                let text = String(decoding: pending, as: UTF8.self)
                pending.removeAll()
                scanned = 0
                return .line(text)
            }
            fill()
        }
    }

    /// fill appends one read()'s worth of bytes to `pending`, retrying on EINTR.
    private mutating func fill() {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if n > 0 {
                pending.append(contentsOf: chunk[..<n])
                return
            }
            if n < 0, errno == EINTR { continue }
            atEnd = true
            return
        }
    }
}
