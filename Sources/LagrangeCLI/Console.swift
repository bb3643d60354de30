#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where output goes: results and summaries to standard output; warnings and progress to
/// standard error; progress only when standard error is a terminal; `--quiet` silences both.
///
/// Writes go through `write(2)` directly: Foundation's `FileHandle.write` traps when the write
/// fails (`> /dev/full`, a closed standard output). A result that cannot be written ends the
/// program with one line on standard error and exit status 1; a warning that cannot be written
/// is dropped (there is nowhere left to say so).
enum Console {
    nonisolated(unsafe) static var quiet = false

    /// A result or summary line (standard output). Exits with status 1 if it cannot be written.
    static func print(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        if let failure = writeAll(1, line) {
            error(failure == badDescriptor ? "standard output is closed; redirect it to a file or /dev/null"
                                           : "cannot write to standard output (\(failure)); check where it is redirected")
            exit(1)
        }
    }

    /// A warning (standard error) unless quiet.
    static func warn(_ text: String) {
        guard !quiet else { return }
        _ = writeAll(2, "lagrange: warning: \(MessageText.escaped(text))\n")
    }

    /// A summary line on standard error unless quiet, for commands whose standard output
    /// carries data (`stats --output -`).
    static func info(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }

    /// A failure (standard error), always printed.
    static func error(_ text: String) {
        let line = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
        _ = writeAll(2, "lagrange: error: \(MessageText.escaped(line))\n")
    }

    /// Whether a progress line should be drawn.
    static var showsProgress: Bool { !quiet && isatty(2) == 1 }

    /// Redraws the progress line in place (terminal only).
    static func progress(_ text: String) {
        guard showsProgress else { return }
        _ = writeAll(2, "\r\u{1B}[K\(text)")
    }

    /// Clears the progress line.
    static func endProgress() {
        guard showsProgress else { return }
        _ = writeAll(2, "\r\u{1B}[K")
    }

    /// Makes sure descriptors 0, 1 and 2 are open before anything else is opened. A program
    /// started with one of them closed (`>&-`) would otherwise hand that number to the next
    /// file it opens — a model's temporary file could become "standard output". A closed one
    /// is taken by /dev/null opened read-only, so reading it gives end of file and writing
    /// it fails (EBADF), which `print` reports.
    static func reserveStandardDescriptors() {
        for descriptor: Int32 in 0...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0, opened != descriptor {
                // Not the lowest free number: something else is closed below it. Move it.
                _ = dup2(opened, descriptor)
                close(opened)
            }
        }
    }

    private static let badDescriptor = String(cString: strerror(EBADF))

    /// Writes every byte of `text` to `descriptor`, retrying short writes and EINTR; nil on
    /// success, else the reason.
    private static func writeAll(_ descriptor: Int32, _ text: String) -> String? {
        var bytes = Array(text.utf8)
        var offset = 0
        return bytes.withUnsafeMutableBytes { raw -> String? in
            while offset < raw.count {
                let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
    }
}
