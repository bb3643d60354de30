import Foundation

/// The shell transcripts of a Markdown document, as the documentation test reads them.
///
/// - A fenced block whose info string is empty, `sh`, `shell` or `console` is a transcript.
///   (Synopses and other text are fenced as `text`; Swift as `swift`.)
/// - In a transcript, a line starting with `$ ` is a command, run by `/bin/sh -c` with
///   standard error merged into standard output; the lines after it, up to the next command,
///   are what it prints. A line that is only `…` stands for any number of lines (zero or more),
///   and `…` inside a line for any text within that line. Trailing blanks and blank lines at
///   the end of an output are not compared. Every command must exit with status 0 (a failing
///   one is shown as `command; echo "exit $?"`).
/// - `<!-- not run: reason -->` on the line before a fence marks a block that is deliberately
///   not run; the reason is required. A transcript without commands and without that marker
///   is an error, so nothing is skipped silently.
public struct Transcript: Sendable {
    public struct Command: Sendable {
        public var line: Int
        public var command: String
        public var expected: [String]
    }

    public struct Block: Sendable {
        public var line: Int
        public var commands: [Command]
        /// The reason given with `<!-- not run: … -->`, if the block is not run.
        public var notRun: String?
    }

    public var blocks: [Block]

    public static let elision = "…"
    static let shellInfo: Set<String> = ["", "sh", "shell", "console"]

    public init(markdown: String) {
        var blocks: [Block] = []
        let lines = markdown.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.hasPrefix("```") else { index += 1; continue }
            let info = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            var body: [String] = []
            var end = index + 1
            while end < lines.count, !lines[end].hasPrefix("```") { body.append(lines[end]); end += 1 }
            if Self.shellInfo.contains(info) {
                let previous = index > 0 ? lines[index - 1].trimmingCharacters(in: .whitespaces) : ""
                var notRun: String?
                if previous.hasPrefix("<!-- not run:"), previous.hasSuffix("-->") {
                    notRun = String(previous.dropFirst("<!-- not run:".count).dropLast(3)).trimmingCharacters(in: .whitespaces)
                }
                var commands: [Command] = []
                for (offset, text) in body.enumerated() {
                    if text.hasPrefix("$ ") {
                        commands.append(Command(line: index + 2 + offset, command: String(text.dropFirst(2)), expected: []))
                    } else if !commands.isEmpty {
                        commands[commands.count - 1].expected.append(text)
                    }
                }
                blocks.append(Block(line: index + 1, commands: commands, notRun: notRun))
            }
            index = end + 1
        }
        self.blocks = blocks
    }

    /// Whether `actual` output lines match `expected` (with `…` elisions), after dropping
    /// trailing blanks of every line and blank lines at the end.
    public static func matches(expected: [String], actual: [String]) -> Bool {
        func clean(_ lines: [String]) -> [String] {
            var out = lines.map { String($0.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
            while out.last?.isEmpty == true { out.removeLast() }
            return out
        }
        let e = clean(expected), a = clean(actual)
        // Backtracking match: `…` lines take any run of lines.
        func match(_ i: Int, _ j: Int) -> Bool {
            if i == e.count { return j == a.count }
            if e[i] == elision {
                for k in j...a.count where match(i + 1, k) { return true }
                return false
            }
            guard j < a.count, lineMatches(e[i], a[j]) else { return false }
            return match(i + 1, j + 1)
        }
        return match(0, 0)
    }

    /// One line against a pattern whose `…` stand for any text.
    static func lineMatches(_ pattern: String, _ line: String) -> Bool {
        let parts = pattern.components(separatedBy: elision)
        guard parts.count > 1 else { return pattern == line }
        guard line.hasPrefix(parts[0]) else { return false }
        var rest = line.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        let last = parts[parts.count - 1]
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
