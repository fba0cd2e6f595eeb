// Writing a file of the way out safely: every file is first written whole to a new temporary file beside its
// target, and only then renamed onto it, so that a failed or interrupted write never leaves half a file, and an
// existing file is replaced only by a complete one.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// FileWriteError is a write that failed: the path and the system's reason.
struct FileWriteError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write \(path): \(reason)" }

    init(_ path: String, _ reason: String? = nil) {
        self.path = path
        self.reason = reason ?? String(cString: strerror(errno))
    }
}

/// PendingFile is a temporary file beside its target, open for writing, created exclusively with a name nobody can
/// guess, so that no link planted beside the target can redirect the write.
final class PendingFile {
    let target: String
    let temporary: String
    private var fd: Int32
    /// buffer gathers small writes into larger ones.
    private var buffer: [UInt8] = []

    init(for target: String) throws {
        self.target = target
        var template = Array((target + ".tmp.XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileWriteError(target) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        // mkstemp makes the file private; the finished file gets the mode any new file of the user gets.
        let mask = umask(0o022)
        umask(mask)
        _ = fchmod(fd, 0o666 & ~mask)
        temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { discard() }

    /// add appends text; it reaches the file in blocks.
    func add(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        if let code = buffer.withUnsafeBytes({ OutputFile.writeAll(fd, $0) }) {
            throw FileWriteError(target, String(cString: strerror(code)))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// closeForOthers flushes and closes the file, so that another writer (libsqlite3) may open it by its name.
    func closeForOthers() throws {
        try flush()
        guard fd >= 0 else { return }
        let closed = close(fd) == 0
        fd = -1
        guard closed else { throw FileWriteError(target) }
    }

    /// finish makes the whole file durable and closes it, without giving it its target's name yet.
    func finish() throws {
        try flush()
        if fd >= 0 {
            guard fsync(fd) == 0 else { throw FileWriteError(target) }
            try closeForOthers()
        } else {
            // A file that another writer finished was closed by it; make it durable before it takes the target's name.
            let reopened = open(temporary, O_RDONLY | O_CLOEXEC)
            guard reopened >= 0, fsync(reopened) == 0 else { throw FileWriteError(target) }
            _ = close(reopened)
        }
    }

    /// commit renames the finished file onto its target, replacing what was there.
    func commit() throws {
        guard rename(temporary, target) == 0 else { throw FileWriteError(target) }
        committed = true
    }

    private var committed = false

    /// discard removes the temporary file, unless it took its target's name.
    func discard() {
        if fd >= 0 {
            _ = close(fd)
            fd = -1
        }
        if !committed {
            unlink(temporary)
            committed = true
        }
    }
}

/// Directory makes the folder of `.export`, and tells whether it made it, so that a failed export can take it away.
enum Directory {
    /// prepare makes `path` when it does not exist; it returns true when it made it. A path that exists must be a
    /// folder.
    static func prepare(_ path: String) throws -> Bool {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw FileWriteError(path, "it exists and is not a folder") }
            return false
        }
        guard mkdir(path, 0o777) == 0 else { throw FileWriteError(path) }
        return true
    }
}

/// checkReplaceable throws when `path` exists and is not a plain file, which a rename could not replace.
func checkReplaceable(_ path: String) throws {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    guard info.st_mode & S_IFMT == S_IFREG else { throw FileWriteError(path, "it exists and is not a plain file") }
}
