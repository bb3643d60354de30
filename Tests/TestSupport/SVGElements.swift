import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every element of an SVG document with its attributes (the SVG must be well-formed XML).
public final class SVGElements: NSObject, XMLParserDelegate {
    public var elements: [(name: String, attributes: [String: String])] = []

    public static func parse(_ svg: String) -> [(name: String, attributes: [String: String])]? {
        let collector = SVGElements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        return parser.parse() ? collector.elements : nil
    }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
    }

    /// The `<svg>…</svg>` documents inside an HTML page, in order.
    public static func svgs(in html: String) -> [String] {
        html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }
}
