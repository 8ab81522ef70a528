import CZlib

/// Decompresses a gzip stream (several concatenated members too, as `cat a.gz
/// b.gz` makes) from another source, through the system zlib.
///
/// A stream that stops before its end marker is an error, never a quietly
/// shorter file: a truncated download must not look like a complete month.
/// A stream that expands past its ``GzipExpansionLimit`` is refused too.
final class GzipSource: ByteSource {
    private let upstream: ByteSource
    private let path: String
    private let limit: GzipExpansionLimit
    /// Compressed bytes handed to zlib, and decompressed bytes it gave back.
    private var compressedIn = 0
    private var decompressedOut = 0
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var atMemberEnd = false
    private var upstreamEnded = false
    private var started = false

    init(upstream: ByteSource, path: String, limit: GzipExpansionLimit = GzipExpansionLimit()) throws {
        self.upstream = upstream
        self.path = path
        self.limit = limit
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 1)
        // 15 + 16: a gzip wrapper, the largest window.
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw IngestError.gzip(path: path, reason: "zlib could not start (status \(status))") }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            if stream.avail_in == 0 && !upstreamEnded {
                let count = try upstream.read(into: input)
                if count == 0 {
                    upstreamEnded = true
                } else {
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(count)
                    compressedIn += count
                }
            }
            if stream.avail_in == 0 && upstreamEnded {
                if atMemberEnd || !started { return 0 }
                throw IngestError.gzip(path: path, reason: "the compressed data ends before the gzip end marker: the file is truncated or still being written")
            }
            if atMemberEnd {
                // Another member follows the one that ended.
                inflateReset(&stream)
                atMemberEnd = false
            }
            started = true
            stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(buffer.count)
            let status = inflate(&stream, Z_NO_FLUSH)
            let produced = buffer.count - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                atMemberEnd = true
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                let detail = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                throw IngestError.gzip(path: path, reason: "the compressed data is corrupt (\(detail))")
            }
            if produced > 0 {
                decompressedOut += produced
                // What zlib has consumed so far: what it was given, less what it holds.
                try limit.check(decompressed: decompressedOut, compressed: compressedIn - Int(stream.avail_in), path: path)
                return produced
            }
        }
    }
}
