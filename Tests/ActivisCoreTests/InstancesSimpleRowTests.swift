import ActivisTestSupport
import Testing

@testable import ActivisCore

/// Rows read in one pass (scores parsed as they are scanned) and rows read
/// field by field must give the same values: scores of every shape, against
/// `Float(String)`, and faults that only the field-by-field reading names.
@Suite struct InstancesSimpleRowTests {
  private static func read(_ csv: String) throws -> InstanceTableReader.Result {
    try Array(csv.utf8).withUnsafeBytes {
      try InstanceTableReader.read($0, file: "instances.csv", classes: nil, threads: 1)
    }
  }

  @Test func scoresOfEveryShapeAreWhatTheStandardParserReads() throws {
    // Quoted, empty, special, signed, long, exponent, eight-digit boundaries, CR LF, no final line break.
    let scores: [(String, String)] = [
      ("0.5", "1e-3"), ("\"0.25\"", "-0"), ("nan", "inf"), ("", "+.5"), ("12345678901234567890", "1.5E+2"),
      ("0.1234567", "0.12345678"), ("3.4028236e38", "1e-50"), ("-7.", "0.000000000000000000000001"),
      ("123456789.987654321", "5"), ("0.036263973446635", "0.93115090040601"),
    ]
    var csv = "id,text,label,score:a,score:b,kind\n"
    for (row, (a, b)) in scores.enumerated() {
      let text = row % 2 == 0 ? "\"say \"\"hi\"\", then\"" : "plain text"
      csv += "\(row),\(text),\(row % 3 == 0 ? "x" : "y"),\(a),\(b),\(row % 2 == 0 ? "p" : "q")"
      csv += row == scores.count - 1 ? "" : row % 4 == 1 ? "\r\n" : "\n"
    }
    let table = try Self.read(csv).table
    #expect(table.ids == Array(0 ..< Int64(scores.count)))
    for (row, (a, b)) in scores.enumerated() {
      for (column, text) in [(0, a), (1, b)] {
        let bare = text.replacingOccurrences(of: "\"", with: "")
        let expected = bare.isEmpty ? Float.nan : Float(bare)!
        let found = table.scores[column].values[row]
        #expect(found.bitPattern == expected.bitPattern || (found.isNaN && expected.isNaN), "row \(row): \(text)")
      }
      #expect(table.text?.string(at: row) == (row % 2 == 0 ? "say \"hi\", then" : "plain text"))
    }
    guard case .categorical(let codes, let categories) = table.attributes[0].values else {
      Issue.record("kind is categorical")
      return
    }
    #expect(codes.map { categories[Int($0)] } == scores.indices.map { $0 % 2 == 0 ? "p" : "q" })
  }

  /// Scores `[-]d.f` with 1 to 20 fraction digits (the fast path takes up to
  /// 16), random digits, against `Float(String)`.
  @Test func decimalsOfEveryLengthAreWhatTheStandardParserReads() throws {
    var generator = SplitMix64(seed: 11)
    var csv = "id,score:a\n"
    var expected: [Float] = []
    for row in 0 ..< 2_000 {
      let digits = (0 ..< (row % 20 + 1)).map { _ in String(Int.random(in: 0 ... 9, using: &generator)) }.joined()
      let text = (row % 3 == 0 ? "-" : "") + "\(Int.random(in: 0 ... 9, using: &generator))." + digits
      expected.append(Float(text)!)
      csv += "\(row),\(text)\n"
    }
    let table = try Self.read(csv).table
    for (row, value) in expected.enumerated() {
      #expect(table.scores[0].values[row].bitPattern == value.bitPattern, "row \(row)")
    }
  }

  /// Random rows of every shape the fast path takes or declines (quoted
  /// fields with commas, line breaks and doubled quotes; empty, signed,
  /// exponent, long and special scores; ids with leading zeros; LF, CR LF
  /// and CR; blank lines; no final line break), read in many chunks, against
  /// the values they were written from.
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func randomRowsReadAsWritten(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let scoreTexts = ["0.5", "-0.25", "+1", "1e-5", "2.5E+3", "0.036263973446635", "", "nan", "-inf",
                      "12345678901234567890123", "0.1234567890123456789", "7.", ".5", "3.4028235e38", "1e-45",
                      "\"0.75\"", "99999999", "0.00000001234", "-0", "1e22", "4e-23"]
    let texts = ["plain", "with, comma", "say \"\"hi\"\"", "two\nlines", "cr\r\nlf", "", "ünïcödé", "a\"b"]
    // More distinct values than the kernel knows per column, long ones and non-ASCII ones among them.
    // Each as written in the file, and as read.
    let names: [(written: String, read: String)] = (0 ..< 18).map { ("c\($0)", "c\($0)") }
      + [("a-long-class-name", "a-long-class-name"), ("ünï", "ünï"), ("\"q\"\"t\"", "q\"t"), ("", "")]
    var csv = "id,text,label,score:a,score:b,size,kind\n"
    var ids: [Int64] = [], expectedTexts: [String] = [], a: [Float] = [], b: [Float] = []
    var sizes: [Double] = [], labels: [String] = [], kinds: [String] = []
    for row in 0 ..< 400 {
      let id = Int64(row * 3 + 1)
      ids.append(id)
      let idText = Int.random(in: 0 ..< 5, using: &generator) == 0 ? "00\(id)" : "\(id)"
      let textIndex = Int.random(in: 0 ..< texts.count, using: &generator)
      let rawText = texts[textIndex]
      // Texts with a quote, comma or line break are quoted, the others left bare (the last one's
      // stray quote sits inside an unquoted field, which the fast path declines).
      let needsQuotes = textIndex >= 1 && textIndex <= 4
      let fieldText = needsQuotes ? "\"\(rawText)\"" : rawText
      expectedTexts.append(rawText.replacingOccurrences(of: "\"\"", with: "\""))
      let (sa, sb) = (scoreTexts.randomElement(using: &generator)!, scoreTexts.randomElement(using: &generator)!)
      for (text, into) in [(sa, 0), (sb, 1)] {
        let bare = text.replacingOccurrences(of: "\"", with: "")
        let value = bare.isEmpty ? Float.nan : Float(bare)!
        if into == 0 { a.append(value) } else { b.append(value) }
      }
      let size = Double(Int.random(in: -50 ... 50, using: &generator)) / 4
      sizes.append(size)
      let (label, kind) = (names.randomElement(using: &generator)!, names.randomElement(using: &generator)!)
      labels.append(label.read)
      kinds.append(kind.read)
      csv += "\(idText),\(fieldText),\(label.written),\(sa),\(sb),\(size),\(kind.written)"
      if row < 399 {
        csv += ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"][Int.random(in: 0 ..< 5, using: &generator)]
      }
    }
    for (threads, chunkBytes) in [(1, 1 << 20), (2, 97), (4, 1)] {
      let result = try Array(csv.utf8).withUnsafeBytes {
        try InstanceTableReader.read($0, file: "instances.csv", classes: nil, threads: threads, chunkBytes: chunkBytes)
      }
      let table = result.table
      #expect(table.ids == ids, "\(threads) threads, chunks of \(chunkBytes)")
      for row in ids.indices {
        #expect(table.text?.string(at: row) == expectedTexts[row], "row \(row)")
        for (found, expected) in [(table.scores[0].values[row], a[row]), (table.scores[1].values[row], b[row])] {
          #expect(found.bitPattern == expected.bitPattern || (found.isNaN && expected.isNaN), "row \(row)")
        }
      }
      guard case .numeric(let values) = table.attributes[0].values,
            case .categorical(let codes, let categories) = table.attributes[1].values
      else {
        Issue.record("size is numeric, kind categorical")
        continue
      }
      #expect(values == sizes)
      #expect(codes.map { $0 < 0 ? "" : categories[Int($0)] } == kinds)
      #expect(table.labels?.map { $0 < 0 ? "" : result.classes[Int($0)] } == labels)
    }
  }

  @Test(arguments: [
    ("1,t,x,0.5x,1\n", 2, 7, "'0.5x' in column 'score:a' is not a number"),
    ("1,t,x,0.5,1e\n", 2, 11, "'1e' in column 'score:b' is not a number"),
    ("1,t,x,0.5\n", 2, 1, "expected 5 fields as in the header, found 4"),
    ("1,t,x,0.5,1,2\n", 2, 1, "expected 5 fields as in the header, found 6"),
    ("-3,t,x,0.5,1\n", 2, 1, "id '-3' is negative"),
    ("2,t,x,0.5,1\n1,t,x,\"0.\"5\",1\n", 3, 11, "expected ',' or the end of the line after a closing quote"),
  ])
  func faultsAreNamedAsFieldByField(row: String, line: Int, column: Int, message: String) {
    let csv = "id,text,label,score:a,score:b\n" + row
    #expect {
      _ = try Self.read(csv)
    } throws: { error in
      guard let error = error as? BundleError else { return false }
      #expect(error.line == line && error.column == column && error.message == message,
              "\(String(describing: error.line)):\(String(describing: error.column)) \(error.message)")
      return true
    }
  }
}
