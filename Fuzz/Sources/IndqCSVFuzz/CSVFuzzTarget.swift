// libFuzzer target of the CSV reader: each input is a file. It is opened and read to the end as `from 'file.csv'`
// does, then sniffed and read again with options chosen from the input's length (a delimiter, no header, Dutch
// separators, all text, a given encoding, ignore_errors). Every batch must hold as many values per column as it has
// rows, of the column's type. Errors (CSVError, CSVEncodingError) are expected; a crash,
// a trap, a sanitizer report or a timeout is a bug.
import IndqCore
#if canImport(Glibc)
import Glibc
#endif

/// CSVFuzzTarget runs one input through the sniffer and the reader.
enum CSVFuzzTarget {
    /// path is this process's scratch file: the reader reads files, so each input is written there first.
    static let path: String = {
        let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(dir)/indq-csv-fuzz-\(getpid()).csv"
    }()

    static func run(_ bytes: [UInt8]) {
        guard write(bytes) else { return }
        readAsFrom()
        // With options, the sniffer reads the bytes as they are and the reader follows its layout, without opening
        // the file a second time the way FROM does (which reads a sample of up to 8 MB).
        let options = options(for: bytes.count)
        guard let layout = try? CSVSniffer.sniff(bytes: bytes, atEnd: true, options: options),
              let reader = try? CSVReader(path: path, layout: layout, ignoreErrors: options.ignoreErrors) else { return }
        var types: [ValueType?] = Array(repeating: nil, count: layout.columns.count)
        while let batch = try? reader.next() {
            check(batch, &types)
        }
    }

    /// options picks read_csv options from a number, so that the fuzzer's mutations reach each of them.
    static func options(for n: Int) -> CSVOptions {
        var o = CSVOptions()
        switch n % 8 {
        case 0: o.delimiter = UInt8(ascii: ";"); o.decimalSeparator = UInt8(ascii: ","); o.thousands = UInt8(ascii: ".")
        case 1: o.header = false
        case 2: o.allVarchar = true
        case 3: o.ignoreErrors = true
        case 4: o.encoding = .windows1252
        case 5: o.delimiter = UInt8(ascii: "\t"); o.quote = .some(nil)
        case 6: o.header = true; o.nullStrings = ["NULL", ""]
        default: o.delimiter = UInt8(ascii: "|"); o.escape = .some(UInt8(ascii: "\\")); o.ignoreErrors = true
        }
        return o
    }

    static func write(_ bytes: [UInt8]) -> Bool {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    /// readAsFrom reads the file as `from 'file'` does: CSVFile.open sniffs it, the table's scan reads it.
    static func readAsFrom() {
        guard let table = try? CSVFile.open(path: path) else { return }
        var types: [ValueType?] = table.schema.columns.map(\.type)
        // A bad row is an error at its place: expected.
        try? table.forEachBatch { batch in
            check(batch, &types)
            return true
        }
    }

    /// check requires a batch to hold one value per row in each of the file's columns, each of the column's type or
    /// NULL; a column whose type is nil takes the type of its first value.
    static func check(_ batch: Batch, _ types: inout [ValueType?]) {
        if batch.columns.count != types.count {
            fatalError("a batch has \(batch.columns.count) columns, the file \(types.count)")
        }
        for (k, column) in batch.columns.enumerated() {
            if column.count != batch.count { fatalError("column \(k) holds \(column.count) values for \(batch.count) rows") }
            for i in 0..<batch.count {
                let v = column[i]
                _ = v.display
                if v.isNull { continue }
                if types[k] == nil { types[k] = v.type }
                if v.type != types[k] { fatalError("column \(k) is \(types[k]!) but row \(i) holds a \(v.type): \(v)") }
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    CSVFuzzTarget.run(bytes)
    return 0
}
