// History keeps the REPL's statements in libedit's history and in $XDG_STATE_HOME/indq/history.
// The file is rewritten after every statement, so a crash or SIGTERM loses nothing.
import CLibedit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// History owns a libedit history list and the file that persists it.
public final class History {
    /// path is the history file, or nil to keep history in memory only.
    public let path: String?
    /// capacity is the most entries kept, in memory and in the file.
    public let capacity: Int
    /// handle is the libedit history that the line editor browses with Up and Ctrl-R.
    let handle: OpaquePointer
    /// unsaved holds this session's entries that are not in the file yet; only these are merged in,
    /// so two REPLs running at once keep each other's entries.
    private var unsaved: [String] = []
    /// warn reports a problem; it is called at most once per History.
    private let warn: (String) -> Void
    /// hasWarned stops a read-only location from producing a warning per statement.
    private var hasWarned = false

    /// defaultPath returns `$XDG_STATE_HOME/indq/history`, else `~/.local/state/indq/history`, or nil with no home.
    public static func defaultPath() -> String? {
        // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return state + "/indq/history"
        }
        if let home = environment("HOME") ?? passwordHome(), !home.isEmpty {
            return home + "/.local/state/indq/history"
        }
        return nil
    }

    /// init loads `path` (a missing file is fine) into a history of at most `capacity` entries.
    public init(path: String? = History.defaultPath(), capacity: Int = 1000,
                warn: @escaping (String) -> Void = { writeStandardError("indq: warning: \($0)\n") }) {
        self.path = path
        self.capacity = capacity
        self.warn = warn
        handle = History.makeList(capacity: capacity)
        if let path {
            // -1 means no file yet (or not a history file): start empty.
            _ = indq_history_load(handle, path)
        }
    }

    deinit {
        history_end(handle)
    }

    /// entries lists the history, oldest first.
    public var entries: [String] {
        var result: [String] = []
        var entry = indq_history_last(handle)
        while let text = entry {
            result.append(String(cString: text))
            entry = indq_history_prev(handle)
        }
        return result
    }

    /// add appends one statement (it may span several lines) and saves the file at once.
    public func add(_ entry: String) {
        _ = indq_history_enter(handle, entry)
        // The merge in save() drops it again if it repeats the file's newest entry.
        unsaved.append(entry)
        save()
    }

    /// save merges this session's unsaved entries into the current file and replaces it atomically.
    /// It returns false (after warning once) when the location is not writable.
    @discardableResult
    public func save() -> Bool {
        guard let path else { return true }
        if unsaved.isEmpty { return true }
        if let problem = write(path: path) {
            if !hasWarned {
                hasWarned = true
                warn("cannot save history to \(path): \(problem); history will not be kept")
            }
            return false
        }
        unsaved.removeAll()
        return true
    }

    /// write does the locked load-append-save-rename; it returns a description of what failed, or nil.
    private func write(path: String) -> String? {
        let directory = History.directory(of: path)
        if let problem = History.makeDirectory(directory) { return problem }

        // The lock serialises two REPLs saving at the same moment; without it one could rename
        // over a file that lacks the other's newest entry.
        let lockPath = path + ".lock"
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lock < 0 { return "\(lockPath): \(History.errorText())" }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            if errno != EINTR { return "\(lockPath): \(History.errorText())" }
        }

        // Start from what is on disk now, which may include another session's entries.
        let merged = History.makeList(capacity: capacity)
        defer { history_end(merged) }
        _ = indq_history_load(merged, path)
        for entry in unsaved { _ = indq_history_enter(merged, entry) }

        // Create the temp file with mode 0600 from the start, so the history is never readable by others.
        let temporary = path + ".tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd < 0 { return "\(temporary): \(History.errorText())" }
        _ = fchmod(fd, 0o600)  // in case an old temp file of ours was left with other bits
        guard let stream = fdopen(fd, "w") else {
            close(fd)
            unlink(temporary)
            return "\(temporary): \(History.errorText())"
        }
        let written = indq_history_save_fp(merged, stream)
        let flushed = fflush(stream) == 0 && fsync(fd) == 0
        let closed = fclose(stream) == 0
        if written < 0 || !flushed || !closed {
            unlink(temporary)
            return "\(temporary): write failed"
        }
        if rename(temporary, path) != 0 {
            let problem = History.errorText()
            unlink(temporary)
            return problem
        }
        return nil
    }

    /// makeList creates an empty libedit history that drops consecutive repeats.
    private static func makeList(capacity: Int) -> OpaquePointer {
        guard let list = history_init() else { fatalError("libedit: history_init failed (out of memory)") }
        _ = indq_history_setsize(list, Int32(clamping: capacity))
        _ = indq_history_setunique(list, 1)
        return list
    }

    /// directory returns everything before the last slash of `path`.
    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// makeDirectory creates `directory` and its missing parents with mode 0700 (as XDG asks);
    /// it returns a description of what failed, or nil.
    private static func makeDirectory(_ directory: String) -> String? {
        var status = stat()
        if stat(directory, &status) == 0 {
            return (status.st_mode & S_IFMT) == S_IFDIR ? nil : "\(directory) is not a directory"
        }
        let parent = History.directory(of: directory)
        if parent != directory, let problem = makeDirectory(parent) { return problem }
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            return "\(directory): \(errorText())"
        }
        return nil
    }

    /// environment reads a variable, treating empty as unset.
    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// passwordHome finds the home directory in the password database, for when HOME is unset.
    private static func passwordHome() -> String? {
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        return String(cString: dir)
    }

    /// errorText describes the current errno.
    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// writeStandardError writes text to fd 2 unbuffered, avoiding the C `stderr` global that Swift 6 rejects.
@usableFromInline
func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return }
        offset += n
    }
}
