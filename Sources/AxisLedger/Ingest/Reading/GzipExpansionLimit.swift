/// How far gzip input may expand before it is taken for a gzip bomb.
///
/// Logs compress 5 to 30 times (the sample month, 50,000 records, at
/// gzip's default level: 7.0 for its JSON Lines, 2.9 for its CSV, 9.1 for
/// its most repetitive slice; docs/reliability.md).
/// A bomb, text repeated millions of times, compresses about 1,000 times:
/// 29 KB became 10 million lines of `{}`, which held the ledger's write
/// lock for half a minute, and a megabyte would hold it past other
/// writers' ten-minute busy timeout. Refusing a file once it has expanded
/// more than ``defaultMaximumRatio`` times keeps a factor of about seven
/// above any log seen, and stops a bomb after ``defaultCheckedAfterBytes``
/// of output (1.4 million lines of `{}`), a few seconds of work.
public struct GzipExpansionLimit: Sendable, Equatable {
    public static let defaultMaximumRatio = 200
    /// The ratio is checked only once this many bytes have come out, so the
    /// start of a file (gzip's header, a first block of repeated header
    /// lines) and small files never trip it.
    public static let defaultCheckedAfterBytes = 4 << 20

    /// Decompressed bytes allowed per compressed byte consumed.
    public var maximumRatio: Int
    public var checkedAfterBytes: Int

    public init(maximumRatio: Int = defaultMaximumRatio, checkedAfterBytes: Int = defaultCheckedAfterBytes) {
        self.maximumRatio = maximumRatio
        self.checkedAfterBytes = checkedAfterBytes
    }

    /// No limit, for reading a file ingest accepted before (verify).
    static let none = GzipExpansionLimit(maximumRatio: .max, checkedAfterBytes: .max)

    /// Throws ``IngestError/gzipExpansion(path:ratio:limit:decompressed:compressed:)``
    /// when `decompressed` bytes out of `compressed` are over the limit.
    func check(decompressed: Int, compressed: Int, path: String) throws {
        guard decompressed > checkedAfterBytes else { return }
        let consumed = max(compressed, 1)
        let (allowed, overflow) = consumed.multipliedReportingOverflow(by: maximumRatio)
        guard !overflow, decompressed > allowed else { return }
        throw IngestError.gzipExpansion(path: path, ratio: decompressed / consumed, limit: maximumRatio,
                                        decompressed: decompressed, compressed: consumed)
    }
}
