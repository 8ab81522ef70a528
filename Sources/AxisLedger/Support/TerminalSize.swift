import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileHandleOutput {
    /// The width in columns of the terminal this stream writes to, from
    /// `TIOCGWINSZ`; nil when it is not a terminal or does not say.
    public var terminalColumns: Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
