/// Builds an SVG 1.1 document element by element: the pictures of results
/// (matrix, instance panel, scatter plot) write through it, and the graph's
/// SVG uses its escaping, number format and fonts.
///
/// Text uses generic font families, sized for print (at least 9 points), on
/// a white background.
struct SVGDocument {
  /// Sans-serif for labels.
  static let sansFont = "DejaVu Sans, Helvetica, Arial, sans-serif"
  /// Monospace for ids and numbers that line up.
  static let monoFont = "DejaVu Sans Mono, Menlo, Consolas, monospace"

  /// White space around every picture, in points.
  static let margin = 16.0

  private(set) var body = ""

  /// A coordinate with at most one decimal.
  static func number(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(rounded)
  }

  /// Escapes text for XML content and attribute values.
  static func escape(_ text: String) -> String {
    // Most text (numbers, colours, names) needs nothing: its bytes are printable ASCII or
    // part of a character other than U+FFFE and U+FFFF (lead byte 0xEF), none of & < > " '.
    let plain = text.utf8.allSatisfy { byte in
      byte >= 0x20 && byte != 0xEF && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<")
        && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
    }
    if plain { return text }
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.append(character)
      case _ where character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0xFFFE
        || $0.value == 0xFFFF || (0xD800 ... 0xDFFF).contains($0.value) }:
        out += "\u{FFFD}"
      default: out.append(character)
      }
    }
    return out
  }

  /// Appends `<name attributes…>`, with a `<title>` (a tooltip in viewers)
  /// and text content when given; self-closing otherwise.
  mutating func element(
    _ name: String, _ attributes: KeyValuePairs<String, String>, title: String? = nil,
    content: String? = nil
  ) {
    body += "<\(name)"
    for (key, value) in attributes { body += " \(key)=\"\(Self.escape(value))\"" }
    if title == nil && content == nil {
      body += "/>\n"
      return
    }
    body += ">"
    if let title { body += "<title>\(Self.escape(title))</title>" }
    if let content { body += Self.escape(content) }
    body += "</\(name)>\n"
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String = "none",
    strokeWidth: Double = 1, title: String? = nil
  ) {
    element("rect", [
      "x": Self.number(x), "y": Self.number(y), "width": Self.number(width),
      "height": Self.number(height), "fill": fill, "stroke": stroke,
      "stroke-width": Self.number(strokeWidth),
    ], title: title)
  }

  mutating func circle(
    x: Double, y: Double, radius: Double, fill: String, stroke: String = "none",
    strokeWidth: Double = 1, title: String? = nil
  ) {
    element("circle", [
      "cx": Self.number(x), "cy": Self.number(y), "r": Self.number(radius), "fill": fill,
      "stroke": stroke, "stroke-width": Self.number(strokeWidth),
    ], title: title)
  }

  mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                     width: Double = 1, dashed: Bool = false) {
    element("line", [
      "x1": Self.number(x1), "y1": Self.number(y1), "x2": Self.number(x2), "y2": Self.number(y2),
      "stroke": stroke, "stroke-width": Self.number(width),
      "stroke-dasharray": dashed ? "3,3" : "none",
    ])
  }

  /// Text at a baseline point; `anchor` is `start`, `middle` or `end`. A
  /// halo is a white outline drawn first, to keep text readable over marks.
  mutating func text(
    _ text: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
    fill: String = "#222222", bold: Bool = false, italic: Bool = false, mono: Bool = false,
    halo: Bool = false
  ) {
    if halo {
      body += "<g stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\">"
      self.text(text, x: x, y: y, size: size, anchor: anchor, fill: "#ffffff", bold: bold,
                italic: italic, mono: mono)
      body += "</g>\n"
    }
    element("text", [
      "x": Self.number(x), "y": Self.number(y), "font-size": Self.number(size),
      "text-anchor": anchor, "fill": fill, "font-weight": bold ? "bold" : "normal",
      "font-style": italic ? "italic" : "normal",
      "font-family": mono ? Self.monoFont : Self.sansFont,
    ], content: text)
  }

  /// Opens a group (close it with `close()`), optionally with a tooltip.
  mutating func open(_ attributes: KeyValuePairs<String, String> = [:], title: String? = nil) {
    body += "<g"
    for (key, value) in attributes { body += " \(key)=\"\(Self.escape(value))\"" }
    body += ">"
    if let title { body += "<title>\(Self.escape(title))</title>" }
    body += "\n"
  }

  mutating func close() { body += "</g>\n" }

  /// The whole document, `width` × `height` points, on white.
  /// Appends markup already written (another picture nested in this one).
  mutating func append(markup: String) { body += markup }

  func rendered(width: Double, height: Double, title: String) -> String {
    let w = Self.number(width), h = Self.number(height)
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\(w)" height="\(h)" \
      viewBox="0 0 \(w) \(h)" font-family="\(Self.sansFont)" font-size="12">
      <title>\(Self.escape(title))</title>
      <rect x="0" y="0" width="\(w)" height="\(h)" fill="#ffffff"/>

      """ + body + "</svg>\n"
  }
}
