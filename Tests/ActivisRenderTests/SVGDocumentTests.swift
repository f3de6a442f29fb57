@testable import ActivisRender
import Testing

/// XML escaping: text with nothing to escape comes back as it is, the five
/// special characters become entities, and characters XML forbids become U+FFFD.
@Suite struct SVGDocumentTests {
  @Test(arguments: [
    ("0.5", "0.5"), ("#1f77b4", "#1f77b4"), ("layer concat · São Paulo", "layer concat · São Paulo"),
    ("a<b & c>'d'\"", "a&lt;b &amp; c&gt;&apos;d&apos;&quot;"), ("tab\tline\nend\r", "tab\tline\nend\r"),
    ("bell\u{7}", "bell\u{FFFD}"), ("x\u{FFFE}y\u{FFFF}", "x\u{FFFD}y\u{FFFD}"), ("\u{FEFF}ok", "\u{FEFF}ok"), ("", ""),
  ])
  func escapes(text: String, expected: String) {
    #expect(SVGDocument.escape(text) == expected)
  }
}
