import AxisLedger

/// `--out` must name a folder (or nothing yet): said before any work, in the
/// command's words, instead of the file system's error once the report is made.
func outputFolderProblem(_ out: String, command: String, holds: String = "MONTH/ with the files") -> String? {
    guard let what = PathProblem.notAFolder(out) else { return nil }
    return "\(command): --out \(out) is \(what); give a folder (it receives \(holds))"
}
