import Foundation
import Testing

/// Issue 11 item 3: no input makes one record gigabytes. A CSV record is
/// capped at the line limit (16 MiB over all its lines) and quarantined with
/// its first bytes and a reason, the good rows around it are kept, and the
/// process stays under 200 MB whatever it reads (the peak resident memory of
/// the ingest, as the kernel counted it).
struct MemoryBoundTests {
    static let peakLimit = 200 * 1024 * 1024
    static let mebibyte = 1024 * 1024

    /// Inputs that once took hundreds of megabytes to gigabytes.
    enum Input: String, CaseIterable, CustomTestStringConvertible, Sendable {
        /// A stray quote, then 99 lines of 3 MiB: one record of 297 MiB before the cap.
        case strayQuoteOverLongLines
        /// A quote never closed, then 40 lines of 6 MiB to the end of the input.
        case unclosedQuoteToTheEnd
        /// One line of 16 million commas: a record of 16 million empty fields.
        case sixteenMillionCommas
        /// JSON Lines of 15 MiB each, all quarantined whole (they are under the line limit).
        case longRejectedJSONLines

        var testDescription: String { rawValue }

        var name: String { self == .longRejectedJSONLines ? "input.jsonl" : "input.csv" }

        /// The good records written around the bad one: kept whatever it is.
        var keptIds: Set<String> {
            switch self {
            case .unclosedQuoteToTheEnd: return ["req_before"]
            case .longRejectedJSONLines: return ["gen_before", "gen_after"]
            default: return ["req_before", "req_after"]
            }
        }

        /// A fragment of every reject's reason, and how many rejects there are.
        var reason: String {
            switch self {
            case .strayQuoteOverLongLines: return "bytes long over 100 lines, over the 16 MiB limit; its first 4096 bytes are kept here"
            case .unclosedQuoteToTheEnd: return "bytes long over 41 lines, over the 16 MiB limit; its first 4096 bytes are kept here"
            case .sixteenMillionCommas: return "CSV row has more than 10000 fields, the header has 10"
            case .longRejectedJSONLines: return "not valid JSON at byte 1"
            }
        }

        var rejects: Int { self == .longRejectedJSONLines ? 24 : 1 }

        func write(to output: FileHandle) {
            func line(_ text: String) { output.write(Data((text + "\n").utf8)) }
            func filler(_ byte: String, count: Int) { output.write(Data(repeating: UInt8(ascii: Unicode.Scalar(byte)!), count: count) + Data([0x0A])) }
            switch self {
            case .longRejectedJSONLines:
                line(HostileCorpus.goodResponse(generation: "gen_before"))
                // Each line differs (its first byte), so each is a reject of its own, not a known one.
                for index in 0..<24 {
                    output.write(Data([UInt8(ascii: "a") + UInt8(index)]))
                    filler("x", count: 15 * MemoryBoundTests.mebibyte - 1)
                }
                line(HostileCorpus.goodResponse(generation: "gen_after"))
            case .strayQuoteOverLongLines, .unclosedQuoteToTheEnd, .sixteenMillionCommas:
                line(HostileCorpus.csvHeader)
                line(HostileCorpus.goodCSVRow(request: "req_before"))
                if self == .sixteenMillionCommas {
                    filler(",", count: 16 * MemoryBoundTests.mebibyte - 1)
                } else {
                    line(#"2026-10-05T09:00:00Z,"org_stray"#)
                    let (lines, size) = self == .strayQuoteOverLongLines ? (99, 3) : (40, 6)
                    for _ in 0..<lines { filler("x", count: size * MemoryBoundTests.mebibyte) }
                }
                if self != .unclosedQuoteToTheEnd { line(HostileCorpus.goodCSVRow(request: "req_after")) }
            }
        }
    }

    @Test(arguments: Input.allCases)
    func anyInputIsIngestedInUnder200MBAndItsGoodRowsAreKept(_ input: Input) throws {
        let scratch = try Scratch("memory")
        let path = scratch.path(input.name)
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        input.write(to: output)
        try output.close()
        let ledger = scratch.path("ledger.sqlite")

        let result = try PeakMemory.run(["ingest", "--db", ledger, path], in: scratch)
        #expect(!result.timedOut && !result.signalled, "ingest crashed or hung: \(result.stderr)")
        #expect(result.status == 0, "the file is ingested, not refused: \(result.stderr)")
        #expect(result.peakBytes < Self.peakLimit, "peak resident memory \(result.peakBytes / Self.mebibyte) MiB")

        let kept = try HostileCorpus.kept(in: ledger)
        #expect(kept.requestIds.union(kept.generationIds) == input.keptIds)
        #expect(kept.rejects.count == input.rejects)
        for reject in kept.rejects {
            #expect(reject.reason.contains(input.reason), "reason: \(reject.reason)")
            if input != .longRejectedJSONLines {
                #expect(reject.raw.count <= 4096, "a cut record keeps its first bytes only, not \(reject.raw.count)")
                #expect(reject.line == 3)
            }
        }
    }
}
