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
    /// path is the history file, or nil to keep history in memory only. A symbolic link there is written through:
    /// its target is replaced and the link stays.
    public let path: String?
    /// capacity is the most entries kept, in memory and in the file.
    public let capacity: Int
    /// handle is the libedit history that the line editor browses with Up and Ctrl-R.
    let handle: OpaquePointer
    /// unsaved holds this session's entries that are not in the file yet; only these are merged in,
    /// so two REPLs running at once keep each other's entries.
    private var unsaved: [String] = []
    /// warn reports a problem; each kind of problem is reported once per History.
    private let warn: (String) -> Void
    /// hasWarned stops a read-only location from producing a warning per statement.
    private var hasWarned = false
    /// saving is false once the history path turned out to be something indq must not write, such as a FIFO.
    private var saving = true

    /// defaultCapacity is the cap when INDQ_HISTORY_SIZE is not set.
    public static let defaultCapacity = 1000

    /// defaultPath returns `$XDG_STATE_HOME/indq/history`, else `~/.local/state/indq/history`, or nil with no home.
    public static func defaultPath() -> String? { statePath("history") }

    /// statePath returns `$XDG_STATE_HOME/indq/NAME`, else `~/.local/state/indq/NAME`, or nil with no home.
    static func statePath(_ name: String) -> String? {
        // The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return state + "/indq/" + name
        }
        if let home = environment("HOME") ?? passwordHome(), !home.isEmpty {
            return home + "/.local/state/indq/" + name
        }
        return nil
    }

    /// configuredCapacity reads INDQ_HISTORY_SIZE, a whole number of entries (0 keeps none); a value that is not one
    /// gives the default and a description of the problem.
    public static func configuredCapacity() -> (capacity: Int, problem: String?) {
        guard let text = environment("INDQ_HISTORY_SIZE") else { return (defaultCapacity, nil) }
        guard let n = Int(text), n >= 0, n <= Int(Int32.max) else {
            return (defaultCapacity, "INDQ_HISTORY_SIZE must be a whole number of entries, not '\(text)'; keeping \(defaultCapacity)")
        }
        return (n, nil)
    }

    /// init loads `path` (a missing file is fine) into a history of at most `capacity` entries (by default
    /// INDQ_HISTORY_SIZE, else 1000). A file that is not a history file is never overwritten: see load.
    public init(path: String? = History.defaultPath(), capacity: Int? = nil,
                warn: @escaping (String) -> Void = { writeStandardError("indq: warning: \($0)\n") }) {
        let configured = capacity.map { ($0, nil) } ?? History.configuredCapacity()
        self.path = path
        self.capacity = configured.0
        self.warn = warn
        handle = History.makeList(capacity: self.capacity)
        if let problem = configured.1 { warn(problem) }
        if let path { load(path) }
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
        guard let path, saving, capacity > 0 else { return true }
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

    // MARK: Reading the file

    /// FileContents is what was found at the history path.
    enum FileContents {
        case missing
        /// Something that is not a regular file (a FIFO, a device, a folder), named; it is never opened for reading.
        case notAFile(String)
        /// A file in libedit's format, with its number of entries, open on `descriptor` (the caller closes it).
        case history(entries: Int, descriptor: Int32)
        /// A file libedit cannot read: its lines, when it is text (a byte-order mark and CR line ends dropped).
        case unreadable(lines: [String]?)
        /// It could not be read at all.
        case failed(String)
    }

    /// historyHeader starts every file in libedit's format.
    static let historyHeader = Array("_HiStOrY_V2_\n".utf8)

    /// inspect looks at `path` without ever blocking: a FIFO or device is named, not opened.
    static func inspect(_ path: String) -> FileContents {
        var status = stat()
        if stat(path, &status) != 0 {
            return errno == ENOENT ? .missing : .failed(errorText())
        }
        if let kind = kindName(status.st_mode) { return .notAFile(kind) }
        // O_NONBLOCK: should a FIFO have replaced the file since stat, opening it still does not wait.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { return errno == ENOENT ? .missing : .failed(errorText()) }
        var opened = stat()
        if fstat(fd, &opened) != 0 || (opened.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            return .notAFile(kindName(opened.st_mode) ?? "not a regular file")
        }
        guard let bytes = readAll(fd) else {
            let problem = errorText()
            close(fd)
            return .failed(problem)
        }
        if bytes.isEmpty {
            close(fd)
            return .missing
        }
        if bytes.starts(with: historyHeader) {
            let lines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .history(entries: lines - 1 + (bytes.last == 0x0A ? 0 : 1), descriptor: fd)
        }
        close(fd)
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        guard !text.contains(0), String(validating: text, as: UTF8.self) != nil else { return .unreadable(lines: nil) }
        // Split on bytes: as Characters, CR LF is one and would not split at "\n".
        let lines = text.split(separator: 0x0A).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
        return .unreadable(lines: lines.filter { !$0.allSatisfy(\.isWhitespace) })
    }

    /// kindName names a file type that is not a regular file, or nil for a regular file.
    static func kindName(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: return "a FIFO"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFDIR: return "a folder"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// readAll reads a regular file to its end; nil on a read error.
    static func readAll(_ fd: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { return bytes }
            bytes += chunk[..<n]
        }
    }

    /// loadList adds the entries of a libedit history file, open on `fd`, to `list`. It reads the descriptor already
    /// checked, through /proc, so that nothing swapped in at the path since can make it wait; the path is the fallback.
    static func loadList(_ list: OpaquePointer, descriptor fd: Int32, path: String) {
        if indq_history_load(list, "/proc/self/fd/\(fd)") < 0 {
            _ = indq_history_load(list, path)
        }
    }

    /// load reads the history file at start-up. A file in libedit's format is loaded (trimmed to the cap, which is
    /// announced). Any other file is never overwritten: it is moved aside to `history.unreadable-<date>`, and its lines,
    /// if it is text, become entries. A FIFO or device is refused and nothing is saved. Each case is said once.
    private func load(_ path: String) {
        switch History.inspect(path) {
        case .missing:
            return
        case .notAFile(let kind):
            saving = false
            warn("\(path) is \(kind), not a history file; it is left alone, and history will not be saved")
        case .failed(let problem):
            saving = false
            warn("cannot read history from \(path): \(problem); the file is left alone, and history will not be saved")
        case .history(let count, let fd):
            History.loadList(handle, descriptor: fd, path: path)
            close(fd)
            if count > capacity {
                warn("the history file held \(count) entries; only the newest \(capacity) are kept "
                     + "(INDQ_HISTORY_SIZE sets the limit)")
            }
        case .unreadable(let lines):
            switch History.moveAside(History.target(of: path)) {
            case .failure(let problem):
                saving = false
                warn("\(path) is not a history file indq can read, and it could not be moved aside (\(problem)); "
                     + "it is left alone, and history will not be saved")
            case .success(let aside):
                if let lines {
                    for line in lines.suffix(capacity) {
                        _ = indq_history_enter(handle, line)
                        unsaved.append(line)
                    }
                    warn("\(path) was not in the history format; its \(lines.count) lines were read as entries, "
                         + "and the file was kept as \(aside)")
                } else {
                    warn("\(path) is not a history file indq can read; it was moved to \(aside), and a new history begins")
                }
            }
        }
    }

    /// moveAside renames a file to `<name>.unreadable-<date>` (with a number after it if that exists), never
    /// replacing another file; it returns the new name.
    static func moveAside(_ path: String) -> Result<String, HistoryProblem> {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        let date = padded(Int(parts.tm_year) + 1900, to: 4) + "-" + padded(Int(parts.tm_mon) + 1, to: 2) + "-"
            + padded(Int(parts.tm_mday), to: 2)
        for attempt in 0..<100 {
            let aside = path + ".unreadable-" + date + (attempt == 0 ? "" : ".\(attempt)")
            // link fails if the name is taken, where rename would replace it.
            if link(path, aside) == 0 {
                unlink(path)
                return .success(aside)
            }
            if errno != EEXIST { return .failure(HistoryProblem(errorText())) }
        }
        return .failure(HistoryProblem("too many files named \(path).unreadable-\(date)"))
    }

    /// target follows symbolic links at `path` to the file they name, which need not exist yet.
    static func target(of path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var status = stat()
            guard lstat(current, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { return current }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : directory(of: current) + "/" + link
        }
        return current
    }

    // MARK: Writing the file

    /// write does the locked load-append-save-rename; it returns a description of what failed, or nil.
    private func write(path: String) -> String? {
        let directory = History.directory(of: path)
        if let problem = History.makeDirectory(directory) { return problem }

        // The lock serialises two REPLs saving at the same moment; without it one could rename
        // over a file that lacks the other's newest entry. It is never followed if it is a link.
        let lockPath = path + ".lock"
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        if lock < 0 {
            return errno == ELOOP ? "\(lockPath) is a symbolic link" : "\(lockPath): \(History.errorText())"
        }
        defer { close(lock) }
        var lockStatus = stat()
        if fstat(lock, &lockStatus) != 0 || (lockStatus.st_mode & S_IFMT) != S_IFREG {
            return "\(lockPath) is not a regular file"
        }
        while flock(lock, LOCK_EX) != 0 {
            if errno != EINTR { return "\(lockPath): \(History.errorText())" }
        }

        // A link is written through: the file it names is replaced, beside itself, and the link stays.
        let target = History.target(of: path)
        let targetDirectory = History.directory(of: target)
        History.removeLeftovers(of: target)

        // Start from what is on disk now, which may include another session's entries.
        let merged = History.makeList(capacity: capacity)
        defer { history_end(merged) }
        switch History.inspect(target) {
        case .missing:
            break
        case .history(_, let fd):
            History.loadList(merged, descriptor: fd, path: target)
            close(fd)
        case .notAFile(let kind):
            saving = false
            return "\(path) is \(kind)"
        case .failed(let problem):
            return problem
        case .unreadable:
            // Replaced since start-up by something that is not a history: keep it.
            if case .failure(let problem) = History.moveAside(target) { return "\(path) is not a history file, and \(problem)" }
        }
        for entry in unsaved { _ = indq_history_enter(merged, entry) }

        // mkstemp creates the file exclusively, with a name nobody can guess and mode 0600, so that no link planted
        // in the folder can redirect the write, and the history is never readable by others.
        var template = Array((targetDirectory + "/" + History.baseName(of: target) + ".tmp.XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { return "\(targetDirectory): \(History.errorText())" }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
        if rename(temporary, target) != 0 {
            let problem = History.errorText()
            unlink(temporary)
            return problem
        }
        return nil
    }

    /// removeLeftovers deletes the temporary files of saves that were killed half-way (`history.tmp.*`). It runs
    /// under the lock, when no other save can be writing one; a link among them is removed, never followed.
    static func removeLeftovers(of target: String) {
        let prefix = baseName(of: target) + ".tmp."
        guard let folder = opendir(directory(of: target)) else { return }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(prefix) { names.append(name) }
        }
        for name in names { unlink(directory(of: target) + "/" + name) }
    }

    /// makeList creates an empty libedit history that drops consecutive repeats.
    private static func makeList(capacity: Int) -> OpaquePointer {
        guard let list = history_init() else { fatalError("libedit: history_init failed (out of memory)") }
        _ = indq_history_setsize(list, Int32(clamping: capacity))
        _ = indq_history_setunique(list, 1)
        return list
    }

    /// directory returns everything before the last slash of `path`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// baseName returns everything after the last slash of `path`.
    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// makeDirectory creates `directory` and its missing parents with mode 0700 (as XDG asks);
    /// it returns a description of what failed, or nil.
    static func makeDirectory(_ directory: String) -> String? {
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
    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// HistoryProblem describes why a history file could not be handled.
struct HistoryProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// padded writes a number with at least `width` digits.
func padded(_ n: Int, to width: Int) -> String {
    let digits = "\(n)"
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
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
