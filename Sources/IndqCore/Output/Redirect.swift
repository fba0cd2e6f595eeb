// `.output FILE` and `.once FILE`: results go to a file instead of the screen, until `.output` or, for `.once`,
// after the next statement or command; `.once FILE.svg` writes that statement as an svg chart. A write that fails (a full disk) is reported at the statement that made it,
// and the output goes back to the screen, so that lost data never passes for success.

import Glibc

/// OutputFile writes to a file opened for `.output`; it keeps the first error and writes nothing after it.
public final class OutputFile {
    let path: String
    private var fd: Int32
    /// failure is the reason the first failing write gave, if one failed.
    private(set) var failure: String?

    /// init creates or truncates the file; an error names the file and the reason.
    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw OutputFileError("cannot open '\(path)' for writing: \(String(cString: strerror(errno)))") }
    }

    func write(_ text: String) {
        guard failure == nil, fd >= 0 else { return }
        if let code = OutputFile.writeAll(fd, text) { failure = String(cString: strerror(code)) }
    }

    /// writeAll writes all of `text` to `fd`, again after EINTR, and returns the errno of a write that failed.
    public static func writeAll(_ fd: Int32, _ text: String) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    /// writeAll writes all of `bytes` to `fd`, again after EINTR, and returns the errno of a write that failed.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 && errno == EINTR { continue }
            // write returns 0 only when it could store nothing: a full device by another name.
            if n <= 0 { return n == 0 ? ENOSPC : errno }
            offset += n
        }
        return nil
    }

    /// close closes the file and returns the first error of its writes or of the close, if any.
    func close() -> String? {
        guard fd >= 0 else { return failure }
        if Glibc.close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        fd = -1
        return failure
    }

    deinit { _ = close() }
}

struct OutputFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Redirect is an open `.output` or `.once`, with the writer of the screen to go back to.
struct Redirect {
    let file: OutputFile
    let screen: (String) -> Void
    /// once ends the redirect after the next item at `depth` (the `.read` nesting where `.once` was given).
    let once: Bool
    let depth: Int
    /// armed is set after the `.once` command itself, so that the item after it is the one that ends it.
    var armed = false
    /// formatBefore is the format to go back to when `.once FILE.svg` chose svg for the file.
    var formatBefore: OutputFormat?
}

extension Session {
    /// redirectOutput sends what follows to `path` (`.output FILE`, `.once FILE`), or back to the screen when `path`
    /// is nil or `stdout` (`.output`). A file that cannot be opened is an error, and output stays where it was.
    mutating func redirectOutput(to path: String?, once: Bool, at range: SourceRange) throws {
        if let path, path != "stdout" {
            let file: OutputFile
            do {
                file = try OutputFile(path: path)
            } catch {
                throw Diagnostic("\(error)", at: range)
            }
            let screen = redirect?.screen ?? write
            if let failure = endRedirect() { writeError("error: \(failure)\n") }
            redirect = Redirect(file: file, screen: screen, once: once, depth: readDepth)
            write = { file.write($0) }
            // `.once chart.svg` writes the chart, whatever the format: a table in a .svg file is never one.
            if once, format != .svg, path.lowercased().hasSuffix(".svg") {
                redirect?.formatBefore = format
                format = .svg
            }
        } else if let failure = endRedirect() {
            throw Diagnostic(failure, at: range)
        }
    }

    /// endRedirect closes the file of `.output` or `.once` and writes to the screen again; it returns the message of
    /// a write that failed.
    @discardableResult
    public mutating func endRedirect() -> String? {
        guard let r = redirect else { return nil }
        redirect = nil
        write = r.screen
        if let before = r.formatBefore { format = before }
        return r.file.close().map { "cannot write to '\(r.file.path)': \($0)" }
    }

    /// finishRedirectedItem is called after each statement or command: it ends a `.once` after the item that
    /// followed it, and ends any redirect whose write failed; it returns that failure's message.
    mutating func finishRedirectedItem() -> String? {
        guard let r = redirect, r.depth == readDepth else { return nil }
        if r.file.failure != nil || (r.once && r.armed) { return endRedirect() }
        if r.once { redirect?.armed = true }
        return nil
    }
}
