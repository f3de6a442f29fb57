import ActivisTestSupport
import Testing

@testable import ActivisCore

/// Reads `csv` the way a large file is read, cut into up to `threads × 4`
/// chunks of at least `chunkBytes` bytes.
private func read(_ csv: String, threads: Int, chunkBytes: Int, classes: [String]? = nil) throws
  -> InstanceTableReader.Result
{
  try Array(csv.utf8).withUnsafeBytes {
    try InstanceTableReader.read($0, file: "instances.csv", classes: classes, threads: threads,
                                 chunkBytes: chunkBytes)
  }
}

/// The fault reading `csv` in chunks gives.
private func refusal(_ csv: String, threads: Int, chunkBytes: Int) -> BundleError? {
  #expect(throws: BundleError.self) { try read(csv, threads: threads, chunkBytes: chunkBytes) }
}

/// Chunk layouts from one chunk per thread to dozens of tiny ones.
private let layouts: [(threads: Int, chunkBytes: Int)] = [
  (1, 1 << 20), (2, 1), (2, 7), (3, 64), (8, 1), (8, 13), (8, 200), (5, 999),
]

/// Texts that put line breaks, commas, quotes and things that look like
/// rows inside quoted fields, where a chunk's guessed start may fall.
private func text(_ row: Int) -> String {
  switch row % 7 {
  case 0: "plain \(row)"
  case 1: "comma, \(row)"
  case 2: "say \"hi\" \(row)"
  case 3: "two\nlines \(row)"
  case 4: "\n\(row + 1000),fake,a,0.5,1\n\(row + 2000),fake,b,0.5,2\n"
  case 5: "crlf\r\nbreak \(row)"
  default: ""
  }
}

@Suite struct InstancesChunkedParseTests {
  /// 300 rows of known values; `kind` is numeric except for row 250.
  private static func rows() -> (csv: String, ids: [Int64], labels: [Int32], scores: [Float]) {
    var rows: [[String]] = []
    var ids: [Int64] = []
    var labels: [Int32] = []
    var scores: [Float] = []
    let names = ["a", "b", "c", ""]
    for row in 0 ..< 300 {
      let id = Int64((row * 7919) % 300)  // a permutation of 0 ..< 300
      ids.append(id)
      labels.append(row % 4 == 3 ? -1 : Int32(row % 4))
      scores.append(Float(row) / 8)
      rows.append(["\(id)", text(row), names[row % 4], "\(Double(row) / 8)", row == 250 ? "x" : "\(row % 5)"])
    }
    let csv = CSVEncoder.table(header: ["id", "text", "label", "score:a", "kind"], rows: rows)
    return (csv, ids, labels, scores)
  }

  @Test func everyChunkLayoutReadsTheSameRows() throws {
    let expected = Self.rows()
    for layout in layouts {
      let result = try read(expected.csv, threads: layout.threads, chunkBytes: layout.chunkBytes)
      let table = result.table
      #expect(table.ids == expected.ids, "\(layout)")
      #expect(result.classes == ["a", "b", "c"])
      #expect(table.labels == expected.labels, "\(layout)")
      #expect(table.scores[0].values == expected.scores, "\(layout)")
      let texts = (0 ..< table.count).map { table.text?.string(at: $0) }
      #expect(texts == (0 ..< 300).map(text), "\(layout)")
      guard case .categorical(let codes, let categories) = table.attributes[0].values else {
        Issue.record("kind is categorical: row 250 is 'x'")
        continue
      }
      #expect(categories == ["0", "1", "2", "3", "4", "x"])
      let expectedCodes: [Int32] = (0 ..< 300).map { row in row == 250 ? 5 : Int32(row % 5) }
      #expect(codes == expectedCodes, "\(layout)")
    }
  }

  @Test func crlfBlankLinesAndByteOrderMarkInEveryLayout() throws {
    var csv = "\u{FEFF}id,text,n\r\n"
    for row in 0 ..< 120 {
      csv += "\(row),\"line\r\nbreak\",\(row)\r\n" + (row % 9 == 0 ? "\r\n\n\r\n" : "")
    }
    for layout in layouts {
      let table = try read(csv, threads: layout.threads, chunkBytes: layout.chunkBytes).table
      #expect(table.ids == (0 ..< 120).map(Int64.init), "\(layout)")
      #expect(table.text?.string(at: 119) == "line\r\nbreak")
      guard case .numeric(let values) = table.attributes[0].values else {
        Issue.record("n is numeric")
        continue
      }
      #expect(values == (0 ..< 120).map(Double.init), "\(layout)")
    }
  }

  @Test func theFirstFaultInFileOrderIsReportedWhicheverChunkFindsIt() {
    // Row r (0-based) is on line r + 2; two faults, the first on line 402.
    var lines = ["id,label,score:a"]
    for row in 0 ..< 1000 {
      switch row {
      case 400: lines.append("\(row),a")  // ragged
      case 800: lines.append("\(row),a,oops")  // not a number
      default: lines.append("\(row),a,0.5")
      }
    }
    let csv = lines.joined(separator: "\n") + "\n"
    for layout in layouts {
      let error = refusal(csv, threads: layout.threads, chunkBytes: layout.chunkBytes)
      #expect(error?.line == 402 && error?.column == 1, "\(layout)")
      #expect(error?.message == "expected 3 fields as in the header, found 2")
    }
  }

  @Test func faultsInLateChunksKeepTheirPositions() {
    let cases: [(row: String, column: Int, message: String)] = [
      ("x9,a,0.5", 1, "id 'x9' is not a non-negative integer"),
      ("-4,a,0.5", 1, "id '-4' is negative"),
      ("7,\"a\"b,0.5", 6, "expected ',' or the end of the line after a closing quote"),
      ("7,a,1.5.2", 5, "'1.5.2' in column 'score:a' is not a number"),
      ("7,\"open,0.5", 3, "unterminated quoted field"),
    ]
    for (row, column, message) in cases {
      var lines = ["id,label,score:a"]
      for index in 0 ..< 900 { lines.append(index == 850 ? row : "\(1000 + index),a,0.5") }
      let csv = lines.joined(separator: "\n") + "\n"
      for layout in layouts {
        let error = refusal(csv, threads: layout.threads, chunkBytes: layout.chunkBytes)
        #expect(error?.line == 852 && error?.column == column, "\(row) \(layout)")
        #expect(error?.message == message, "\(row) \(layout)")
      }
    }
  }

  @Test func duplicateIDsAcrossChunks() {
    var lines = ["id,label"]
    for row in 0 ..< 600 { lines.append("\(row == 590 ? 12 : row),a") }
    let csv = lines.joined(separator: "\n")
    for layout in layouts {
      let error = refusal(csv, threads: layout.threads, chunkBytes: layout.chunkBytes)
      #expect(error?.line == 592 && error?.column == 1, "\(layout)")
      #expect(error?.message == "duplicate id 12 (already on line 14)")
    }
  }

  @Test func unknownClassIsTheFirstInFileOrder() {
    var lines = ["id,label"]
    for row in 0 ..< 500 { lines.append("\(row),\(row == 300 ? "zz" : row == 450 ? "yy" : "a")") }
    let csv = lines.joined(separator: "\n")
    for layout in layouts {
      let error = #expect(throws: BundleError.self) {
        try read(csv, threads: layout.threads, chunkBytes: layout.chunkBytes, classes: ["a"])
      }
      #expect(error?.line == 302 && error?.column == 5, "\(layout)")
      #expect(error?.message == "label 'zz' is not one of the classes in the manifest ('a')")
    }
  }

  @Test func replacedBytesAreCountedOverAllChunks() throws {
    var bytes = Array("id,text\n".utf8)
    for row in 0 ..< 400 {
      bytes += Array("\(row),".utf8)
      bytes += row == 150 || row == 370 ? [0x61, 0xFF, 0x62] : Array("ok".utf8)
      bytes += [0x0A]
    }
    for layout in layouts {
      let result = try bytes.withUnsafeBytes {
        try InstanceTableReader.read($0, file: "instances.csv", classes: nil, threads: layout.threads,
                                     chunkBytes: layout.chunkBytes)
      }
      #expect(result.table.text?.string(at: 370) == "a\u{FFFD}b")
      #expect(result.warnings.map(\.message) == [
        "replaced 2 bytes that are not valid UTF-8 with U+FFFD (the first on line 152, column 6)",
      ], "\(layout)")
    }
  }

  @Test func nominalChunkStartsAndGuessedRowStarts() {
    #expect(CSVChunkBoundaries.nominalStarts(from: 10, to: 110, threads: 2, minimumBytes: 10)
      == [10, 22, 35, 47, 60, 72, 85, 97])
    #expect(CSVChunkBoundaries.nominalStarts(from: 10, to: 110, threads: 1, minimumBytes: 1) == [10])
    #expect(CSVChunkBoundaries.nominalStarts(from: 0, to: 5, threads: 4, minimumBytes: 10) == [0])
    let bytes = Array("ab\r\n\r\ncd\nef".utf8)
    bytes.withUnsafeBytes { bytes in
      #expect(CSVChunkBoundaries.guessedRowStart(bytes, nominal: 1) == 6)
      #expect(CSVChunkBoundaries.guessedRowStart(bytes, nominal: 3) == 6)
      #expect(CSVChunkBoundaries.guessedRowStart(bytes, nominal: 6) == 6)
      #expect(CSVChunkBoundaries.guessedRowStart(bytes, nominal: 7) == 9)
      #expect(CSVChunkBoundaries.guessedRowStart(bytes, nominal: 10) == 11)
    }
  }
}
