// A .csv.gz file's bytes, inflated by the system zlib as they are read.

import CZlib
import Glibc

/// GzipBytes reads the inflated bytes of a gzip file.
final class GzipBytes: ByteSource {
    let file: gzFile
    let path: String
    let fd: Int32

    init(fd: Int32, path: String) throws {
        // zlib gets its own descriptor, so that closing the stream leaves the caller's for the change check.
        let own = dup(fd)
        guard own >= 0, let file = gzdopen(own, "rb") else {
            if own >= 0 { _ = Glibc.close(own) }
            throw CSVError("cannot open the gzip stream", path: path)
        }
        self.file = file
        self.path = path
        self.fd = fd
        gzbuffer(file, 1 << 17)
    }

    func read(into p: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        let n = gzread(file, p, UInt32(min(count, 1 << 30)))
        if n < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "unknown error"
            throw CSVError("the gzip data is damaged: \(message)", path: path)
        }
        return Int(n)
    }

    func close() {
        gzclose_r(file)
        _ = Glibc.close(fd)
    }
}
