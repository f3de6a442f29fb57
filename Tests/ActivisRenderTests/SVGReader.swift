import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an SVG document back with Foundation's XML parser, for tests: every
/// element with its attributes, its `<title>` child and its text.
struct SVGReader {
  struct Element {
    var name: String
    var attributes: [String: String]
    var title: String?
    var text = ""

    func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
  }

  /// Elements in document order; empty when the document is not well formed.
  let elements: [Element]
  /// The parser's complaint, nil for well-formed XML.
  let error: String?

  init(_ svg: String) {
    final class Delegate: NSObject, XMLParserDelegate {
      var elements: [SVGReader.Element] = []
      var stack: [Int] = []
      var inTitle = false
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
      ) {
        if name == "title" {
          inTitle = true
          return
        }
        stack.append(elements.count)
        elements.append(.init(name: name, attributes: attributes))
      }
      func parser(
        _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
      ) {
        if name == "title" {
          inTitle = false
        } else {
          stack.removeLast()
        }
      }
      func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let index = stack.last else { return }
        if inTitle {
          elements[index].title = (elements[index].title ?? "") + string
        } else {
          elements[index].text += string
        }
      }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let delegate = Delegate()
    parser.delegate = delegate
    let ok = parser.parse()
    elements = ok ? delegate.elements : []
    error = ok ? nil : "\(parser.parserError.map { "\($0)" } ?? "parse failed")"
  }

  func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

  /// The texts of all `<text>` elements.
  var texts: [String] { all("text").map(\.text) }
}
