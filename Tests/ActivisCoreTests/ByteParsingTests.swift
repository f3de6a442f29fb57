@testable import ActivisCore
import Testing

/// The parsers of `instances.csv` fields and of JSON, over bytes.
@Suite struct ByteParsingTests {
  private func double(_ text: String) -> Double? {
    Array(text.utf8).withUnsafeBytes { ByteNumberParser.parseDouble($0) }
  }

  private func id(_ text: String) -> ByteNumberParser.IntegerResult {
    Array(text.utf8).withUnsafeBytes { ByteNumberParser.parseID($0) }
  }

  @Test(arguments: ["0", "1", "-2.5", "+3", "0.1", ".5", "5.", "1e3", "1E-7", "-0", "123456789012345",
                    "1234567890123456789", "0.30000000000000004", "3.4028235e38", "4.9e-324",
                    "0.000000000000000000000000123", "00012.5", "1.2345e-05", "-7E+3", "12e-30", "9.999e22",
                    "1e400", "-1e-400", "123456789012345678e-5"])
  func decimalsMatchTheStandardLibrary(text: String) {
    // Swift's Double(String) is correctly rounded: an independent reference.
    let expected = Double(text)
    #expect(double(text) == expected)
    #expect(double(text)?.sign == expected?.sign)
  }

  @Test func randomFloatsPrintedShortestReadBackExactly() {
    var generator = SystemRandomNumberGenerator()
    for _ in 0 ..< 5_000 {
      let bits = UInt32.random(in: 0 ... UInt32.max, using: &generator)
      let value = Float(bitPattern: bits)
      guard value.isFinite else { continue }
      let text = "\(value)"
      #expect(double(text) == Double(text), "\(text)")
      #expect(double(text).map(Float.init) == value, "\(text)")
      let wide = "\(Double(value) * 1.000000001)"
      #expect(double(wide) == Double(wide), "\(wide)")
    }
  }

  private func float(_ text: String) -> Float? {
    Array(text.utf8).withUnsafeBytes { ByteNumberParser.parseFloat($0) }
  }

  @Test func floatsAreCorrectlyRounded() {
    // Float(String) is correctly rounded: an independent reference.
    var generator = SystemRandomNumberGenerator()
    var texts = ["0.1", "-0", "1e-45", "7e-46", "3.4028235e38", "3.4028236e38", "1e39", "0.5e-3",
                 "16777217", "16777219", "0.10000000149011612", "1.00000005960464477539"]
    for _ in 0 ..< 4_000 {
      let value = Float(bitPattern: UInt32.random(in: 0 ... UInt32.max, using: &generator))
      guard value.isFinite else { continue }
      texts.append("\(value)")
      texts.append("\(Double(value))")
      // The midpoint to the next float, and values just around it.
      let midpoint = (Double(value) + Double(value.nextUp)) / 2
      texts += ["\(midpoint)", "\(midpoint.nextUp)", "\(midpoint.nextDown)"]
      let digits = (0 ..< Int.random(in: 1 ... 19, using: &generator)).map { _ in
        String(Int.random(in: 0 ... 9, using: &generator))
      }.joined()
      texts.append("0.\(digits)e\(Int.random(in: -20 ... 20, using: &generator))")
    }
    for text in texts {
      let expected = Float(text)
      let parsed = float(text)
      if parsed?.bitPattern != expected?.bitPattern { Issue.record("\(text): \(String(describing: parsed)) != \(String(describing: expected))") }
    }
    #expect(float("-inf") == -.infinity)
    #expect(float("nan")?.isNaN == true)
    #expect(float("1,5") == nil)
  }

  @Test func floatsOfEveryDigitCountMatchTheStandardParser() {
    // Digits are read eight at a time and the last one to seven at once:
    // every split of 1 to 24 digits around the point, with and without an
    // exponent, against Float(String), an independent parser.
    var generator = SystemRandomNumberGenerator()
    for total in 1 ... 24 {
      for pointAt in 0 ... total {
        for exponent in ["", "e-7", "E3"] {
          let digits = (0 ..< total).map { _ in String(Int.random(in: 0 ... 9, using: &generator)) }.joined()
          let text = String(digits.prefix(pointAt)) + "." + String(digits.dropFirst(pointAt)) + exponent
          let parsed = float(text)
          let expected = Float(text)
          if parsed?.bitPattern != expected?.bitPattern {
            Issue.record("\(text): \(String(describing: parsed)) != \(String(describing: expected))")
          }
          #expect(float("-" + text)?.bitPattern == expected.map { -$0 }?.bitPattern, "-\(text)")
        }
      }
    }
    // A stray byte inside or after a run of eight digits is still refused.
    for bad in ["1.2345678x", "0.12345678x9", "12345678.1234567x", "0.1234567/", "0.123456789012345:",
                "0.1234567 ", "1.23456789012345e"] {
      #expect(float(bad) == nil, "'\(bad)'")
    }
  }

  @Test func byteStringDictionaryCodesInOrderOfFirstSight() {
    // Short keys (at most seven bytes) are found in a list of words, longer
    // ones by hashing: against a plain Swift dictionary filled in order.
    var generator = SystemRandomNumberGenerator()
    var dictionary = ByteStringDictionary()
    var expected: [[UInt8]: Int32] = [:]
    for _ in 0 ..< 5_000 {
      let length = Int.random(in: 1 ... 12, using: &generator)
      let key = (0 ..< length).map { _ in UInt8.random(in: 0x61 ... 0x63, using: &generator) }
      let (code, added) = key.withUnsafeBytes { dictionary.code(of: $0) }
      if let known = expected[key] {
        #expect(code == known && !added)
      } else {
        #expect(code == Int32(expected.count) && added)
        expected[key] = code
      }
      #expect(Array(dictionary.key(Int(code))) == key)
    }
    #expect(dictionary.count == expected.count)
  }

  @Test func specialValuesAndRefusals() {
    #expect(double("nan")?.isNaN == true)
    #expect(double("NaN")?.isNaN == true)
    #expect(double("-inf") == -.infinity)
    #expect(double("Infinity") == .infinity)
    for bad in ["", "-", ".", "e5", "1e", "1.2.3", " 1", "1 ", "0x1p3", "1,5", "abc", "nan1", "--1"] {
      #expect(double(bad) == nil, "'\(bad)'")
    }
  }

  @Test func ids() {
    #expect(id("0") == .value(0))
    #expect(id("9223372036854775807") == .value(.max))
    #expect(id("9223372036854775808") == .overflow)
    #expect(id("-1") == .negative)
    #expect(id("-0") == .value(0))
    #expect(id("1.0") == .notAnInteger)
    #expect(id("") == .notAnInteger)
    #expect(id("+1") == .notAnInteger)
  }

  @Test func utf8RepairReplacesEachBadByte() {
    let cases: [([UInt8], String, Int)] = [
      (Array("plain".utf8), "plain", 0),
      (Array("é€😀".utf8), "é€😀", 0),
      ([0x61, 0xC3], "a\u{FFFD}", 1),                  // truncated sequence
      ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}", 2),           // overlong
      ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}", 3),  // surrogate
      ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}", 4),  // above U+10FFFF
      ([0x80, 0x41], "\u{FFFD}A", 1),
    ]
    for (input, expected, count) in cases {
      var output: [UInt8] = []
      let result = input.withUnsafeBytes { UTF8Repair.append($0, to: &output) }
      #expect(String(decoding: output, as: UTF8.self) == expected)
      #expect(result.replaced == count)
    }
  }

  @Test func jsonValues() throws {
    let text = #"{"a": [1, -2.5e1, true, false, null], "s": "q\"\\\/\n\u00e9\ud83d\ude00", "o": {}}"#
    let value = try Array(text.utf8).withUnsafeBytes {
      try JSONReader.parse($0, file: "x.json", code: .malformedManifest)
    }
    #expect(value["a"] == .array([.number(1), .number(-25), .bool(true), .bool(false), .null]))
    #expect(value["s"] == .string("q\"\\/\né😀"))
    #expect(value["o"] == .object([]))
    let python = try Array("[NaN, Infinity, -Infinity, -1]".utf8).withUnsafeBytes {
      try JSONReader.parse($0, file: "x.json", code: .malformedGraph)
    }
    guard case .array(let numbers) = python, numbers.count == 4,
          case .number(let nan) = numbers[0] else {
      Issue.record("expected four numbers")
      return
    }
    #expect(nan.isNaN)
    #expect(Array(numbers.dropFirst()) == [.number(.infinity), .number(-.infinity), .number(-1)])
  }

  @Test(arguments: [
    ("", 1, 1, "the file is empty (expected a JSON object)"),
    ("{\"a\": 01}", 1, 7, "a number may not start with '0'"),
    ("{\"a\": tru}", 1, 10, "expected 'true', found '}'"),
    ("[1, 2", 1, 6, "expected ',' or ']' in an array, found the end of the file"),
    ("{\"a\": \"x\ny\"}", 1, 9, "a control character (byte 0xa) in a string must be escaped"),
    ("{} x", 1, 4, "unexpected text after the JSON value"),
    ("\n\n  {\"é\": [}", 3, 10, "expected a value, found '}'"),
  ])
  func jsonErrorsSayWhere(text: String, line: Int, column: Int, message: String) {
    let error = #expect(throws: BundleError.self) {
      try Array(text.utf8).withUnsafeBytes { try JSONReader.parse($0, file: "x.json", code: .malformedGraph) }
    }
    #expect(error?.code == .malformedGraph)
    #expect(error?.line == line && error?.column == column)
    #expect(error?.message == "malformed JSON: " + message)
  }

  @Test func deeplyNestedJSONIsRefusedNotOverflowed() {
    let text = String(repeating: "[", count: 100_000)
    let error = #expect(throws: BundleError.self) {
      try Array(text.utf8).withUnsafeBytes { try JSONReader.parse($0, file: "x.json", code: .malformedGraph) }
    }
    #expect(error?.message == "malformed JSON: values are nested too deeply")
  }
}
