import Foundation

/// Where output goes: results and summaries to standard output; warnings and progress to
/// standard error; progress only when standard error is a terminal; `--quiet` silences both.
enum Console {
    nonisolated(unsafe) static var quiet = false

    /// A result or summary line (standard output).
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// A warning (standard error) unless quiet.
    static func warn(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("lagrange: warning: \(text)\n".utf8))
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
        FileHandle.standardError.write(Data("lagrange: error: \(line)\n".utf8))
    }

    /// Whether a progress line should be drawn.
    static var showsProgress: Bool { !quiet && isatty(2) == 1 }

    /// Redraws the progress line in place (terminal only).
    static func progress(_ text: String) {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    /// Clears the progress line.
    static func endProgress() {
        guard showsProgress else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
