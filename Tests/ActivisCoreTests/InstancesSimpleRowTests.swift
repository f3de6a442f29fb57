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
