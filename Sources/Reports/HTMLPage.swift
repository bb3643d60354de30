/// A self-contained HTML page: inline CSS, inline SVG, no scripts and no network, readable
/// in any browser and when printed.
public struct HTMLPage: Sendable {
    public var title: String
    public var subtitle: String?
    private var body: [String] = []

    public init(title: String, subtitle: String? = nil) {
        self.title = title
        self.subtitle = subtitle
    }

    /// A section heading.
    public mutating func heading(_ text: String) { body.append("<h2>\(Self.escape(text))</h2>") }

    /// A paragraph of plain text.
    public mutating func paragraph(_ text: String) { body.append("<p>\(Self.escape(text))</p>") }

    /// A chart as inline SVG inside a figure, with an optional caption.
    public mutating func chart(_ chart: SVGChart, caption: String? = nil) {
        let figcaption = caption.map { "<figcaption>\(Self.escape($0))</figcaption>" } ?? ""
        body.append("<figure>\(chart.render())\(figcaption)</figure>")
    }

    /// A table; cells are escaped; numeric-looking columns align right. A table wider than the
    /// page scrolls sideways inside its own box instead of widening the page.
    public mutating func table(header: [String], rows: [[String]], caption: String? = nil) {
        var html = "<div class=\"table-scroll\"><table>"
        if let caption { html += "<caption>\(Self.escape(caption))</caption>" }
        html += "<thead><tr>" + header.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>" + row.map { cell in
                let numeric = Double(cell) != nil
                return numeric ? "<td class=\"num\">\(Self.escape(cell))</td>" : "<td>\(Self.escape(cell))</td>"
            }.joined() + "</tr>"
        }
        body.append(html + "</tbody></table></div>")
    }

    /// Pre-built, already-safe HTML (for a caller that escaped its own text).
    public mutating func raw(_ html: String) { body.append(html) }

    public func render() -> String {
        let sub = subtitle.map { "<p class=\"subtitle\">\(Self.escape($0))</p>" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        body { font-family: system-ui, -apple-system, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #222; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; }
        .subtitle { color: #555; margin-top: 0; }
        figure { margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; }
        svg { max-width: 100%; height: auto; }
        .table-scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-size: 0.9em; margin: 1em 0; }
        th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #eee; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        caption { text-align: left; color: #555; padding-bottom: 0.4em; }
        </style>
        </head>
        <body>
        <h1>\(Self.escape(title))</h1>
        \(sub)
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    /// Escapes text for HTML and SVG content and attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
