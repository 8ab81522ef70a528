import Foundation
import ShippedProfiles

/// Finds a profile by the argument of `--profile` (or `AXIS_LEDGER_PROFILE`):
/// a path to a YAML file, else the name of a shipped profile (`snake_case`,
/// the file name in `profiles/` without `.yaml`).
public enum InputProfileLoader {
    /// The shipped profiles' names.
    public static var shippedNames: [String] { ShippedProfileFiles.all.map(\.name) }

    /// - Throws: ``ProfileError`` when the profile cannot be found, read, or used; every problem of a bad one.
    public static func load(_ argument: String) throws(ProfileError) -> InputProfile {
        let (shown, bytes, stem) = try locate(argument)
        return try parse(bytes, fileName: shown, defaultName: stem)
    }

    /// The profile's bytes and how to name it in messages.
    public static func locate(_ argument: String) throws(ProfileError) -> (shown: String, bytes: [UInt8], stem: String) {
        let shown = InputPath.redacted(argument)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw ProfileError(file: shown, "is a folder; give a profile's YAML file, or the name of a shipped profile (\(shippedNames.joined(separator: ", ")))") }
            guard let data = FileManager.default.contents(atPath: argument) else {
                throw ProfileError(file: shown, "cannot be read (check its permissions)")
            }
            let name = (argument as NSString).lastPathComponent
            let stem = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name.hasSuffix(".yml") ? String(name.dropLast(4)) : name
            return (shown, Array(data), stem)
        }
        if let shipped = ShippedProfileFiles.all.first(where: { $0.name == argument }) {
            return ("profiles/\(shipped.fileName) (shipped)", shipped.bytes, shipped.name)
        }
        throw ProfileError(file: shown, "no such file, and no shipped profile of that name; give the path to a profile's YAML file, or one of the shipped profiles: \(shippedNames.joined(separator: ", "))")
    }

    /// A profile from its bytes; `fileName` is how problems name it.
    public static func parse(_ bytes: [UInt8], fileName: String, defaultName: String) throws(ProfileError) -> InputProfile {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProfileError(file: fileName, "is not UTF-8 text; save the profile as UTF-8")
        }
        var parser = InputProfileParser(fileName: fileName)
        return try parser.parse(text, defaultName: defaultName, sha256: SHA256.hex(SHA256.hash(bytes)))
    }
}
