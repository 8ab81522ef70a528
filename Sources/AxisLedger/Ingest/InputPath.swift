import Foundation

/// The names of one input file: as given, for the messages ingest prints;
/// in the ledger's stable form, for `ingested_files.path` and the reports;
/// and in full, for `ingested_files.source_path`. Every form has its
/// secrets redacted, like any other text (a log fetched as
/// `logs?api_key=…` keeps that name on disk).
///
/// The stable form makes reports independent of how the command line named
/// the file: `/data/ledger/logs/a.jsonl`, `logs/a.jsonl` and `./a.jsonl`
/// (run in `logs/`) are all `logs/a.jsonl` for a ledger in `/data/ledger/`.
/// A file outside the ledger's folder is recorded by its name alone, which
/// depends neither on the working directory nor on the machine; its full
/// path stays in `source_path` (docs/schema.md).
public struct InputPath: Sendable, Equatable {
    /// The path as given, secrets redacted: what ingest's summaries and errors show.
    public let shown: String
    /// Relative to the ledger's folder when the file is in it or below,
    /// else the file's name; `-` for standard input. Secrets redacted.
    public let recorded: String
    /// The absolute path, its folders resolved (symbolic links, `.` and
    /// `..`); `-` for standard input. Secrets redacted.
    public let source: String

    /// - Parameters:
    ///   - path: the path as given on the command line, `-` for standard input.
    ///   - ledgerPath: the ledger's path, as given (relative to `workingDirectory` unless absolute).
    public init(given path: String, ledgerPath: String,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        shown = Self.redacted(path)
        guard path != "-" else {
            recorded = "-"
            source = "-"
            return
        }
        let file = Self.resolved(path, in: workingDirectory)
        let ledgerFolder = Self.resolved(ledgerPath, in: workingDirectory).folder
        let full = file.folder == "/" ? "/" + file.name : file.folder + "/" + file.name
        let prefix = ledgerFolder == "/" ? "/" : ledgerFolder + "/"
        recorded = Self.redacted(full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : file.name)
        source = Self.redacted(full)
    }

    /// The same file recorded as `path` (secrets redacted) instead of its stable form.
    public func recording(as path: String) -> InputPath {
        InputPath(shown: shown, recorded: Self.redacted(path), source: source)
    }

    /// Standard input under the name `name` (`ingest --name`), shown and recorded (secrets redacted).
    public func named(_ name: String) -> InputPath {
        InputPath(shown: Self.redacted(name), recorded: Self.redacted(name), source: source)
    }

    private init(shown: String, recorded: String, source: String) {
        self.shown = shown
        self.recorded = recorded
        self.source = source
    }

    /// `text` with its secrets replaced by `[redacted]` (``SecretTextRedactor``).
    public static func redacted(_ text: String) -> String {
        guard let edited = SecretTextRedactor.redact(Array(text.utf8)[...]) else { return text }
        return String(decoding: edited, as: UTF8.self)
    }

    /// The real folder holding `path` (links resolved, as far as it exists) and the file's own name,
    /// which is kept as given: a link named `current.jsonl` is recorded as `current.jsonl`.
    private static func resolved(_ path: String, in workingDirectory: String) -> (folder: String, name: String) {
        let absolute = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        let url = URL(fileURLWithPath: absolute).standardized
        let folder = url.deletingLastPathComponent().path
        guard let real = realpath(folder, nil) else { return (folder, url.lastPathComponent) }
        defer { free(real) }
        return (String(cString: real), url.lastPathComponent)
    }
}
