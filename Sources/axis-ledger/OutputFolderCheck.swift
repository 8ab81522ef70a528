import AxisLedger

/// `--out` must name a folder (or nothing yet): said before any work, in the
/// command's words, instead of the file system's error once the report is made.
func outputFolderProblem(_ out: String, command: String) -> String? {
    guard let what = PathProblem.notAFolder(out) else { return nil }
    return what == "a file"
        ? "\(command): --out \(out) is a file; give a folder (it receives MONTH/ with the files)"
        : "\(command): --out \(out) is \(what); give a folder (it receives MONTH/ with the files)"
}
