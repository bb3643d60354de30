/// Text from input files (cell values, column names, labels) reaches error messages. Control
/// characters in it — a NUL, an ANSI escape that recolours or clears the terminal, a line break
/// that splits the one-line message — are shown escaped, as Swift writes them in a string
/// literal (`\0`, `\t`, `\n`, `\r`, `\u{1B}`), so a message is always one printable line.
enum MessageText {
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\0": result += "\\0"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// C0 controls, DEL and C1 controls (U+0080–U+009F, which some terminals also obey).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
