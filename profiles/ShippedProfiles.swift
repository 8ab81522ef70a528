/// The input profiles shipped with axis-ledger, embedded in the binary at
/// build time (as the migrations are), so `--profile snake_case` works with
/// no source tree beside it. Each is named by its file name without `.yaml`.
///
/// A new shipped profile is a new `NAME.yaml` in this folder, listed here and
/// in `Package.swift`'s resources.
public enum ShippedProfileFiles {
    /// (name, file name, bytes), in the order `profile list` shows them.
    public static let all: [(name: String, fileName: String, bytes: [UInt8])] = [
        ("snake_case", "snake_case.yaml", PackageResources.snake_case_yaml),
        ("snake_case_requests", "snake_case_requests.yaml", PackageResources.snake_case_requests_yaml),
        ("nginx_json", "nginx_json.yaml", PackageResources.nginx_json_yaml),
        ("har", "har.yaml", PackageResources.har_yaml),
    ]
}
