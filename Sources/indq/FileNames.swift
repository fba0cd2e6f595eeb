// File-name completion for `.read`: lists the entries of a folder that start with what was typed.

import Glibc

/// FileNames lists paths for completion.
enum FileNames {
    /// matching returns the paths that start with `typed`; folders end in '/'.
    static func matching(_ typed: String) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folder = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        guard let dir = opendir(folder.isEmpty ? "." : folder) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != "..", name.hasPrefix(prefix), !(prefix.isEmpty && name.hasPrefix(".")) else { continue }
            let isFolder = entry.pointee.d_type == UInt8(DT_DIR)
            out.append(folder + name + (isFolder ? "/" : ""))
        }
        return out.sorted()
    }
}
