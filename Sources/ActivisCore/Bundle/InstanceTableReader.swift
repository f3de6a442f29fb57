import Dispatch
import Foundation

/// Reads `instances.csv` into an `InstanceTable`, parsing chunks of rows on
/// all cores.
///
/// The header is read first; the rows are cut into chunks at guessed row
/// boundaries (`CSVChunkBoundaries`), parsed in parallel into columns
/// (`InstanceChunkParser`), checked in file order — a chunk whose guess was
/// wrong is parsed again from where the chunk before it ended, and the first
/// fault of the first chunk with one is the first fault of the file — and
/// merged (`InstanceRows.merged`). What needs the whole file (unique ids,
/// classes) is checked last. Faults name the file, line and column.
struct InstanceTableReader {
  /// The table, the classes it was checked against or derived, and warnings.
  struct Result {
    var table: InstanceTable
    var classes: [String]
    var warnings: [BundleWarning]
  }

  let bytes: UnsafeRawBufferPointer
  let file: String
  let columns: InstanceColumns
  var rows: InstanceRows

  /// Reads a whole file.
  ///
  /// - Parameters:
  ///   - classes: the manifest's classes, if it has them.
  ///   - threads: threads to parse with (default: the active processors).
  ///   - chunkBytes: the smallest chunk given a thread of its own (tests
  ///     make it tiny to cut small files into many chunks).
  static func read(_ bytes: UnsafeRawBufferPointer, file: String, classes: [String]?, threads: Int? = nil,
                   chunkBytes: Int = CSVChunkBoundaries.minimumChunkBytes) throws -> Result
  {
    var tokenizer = CSVTokenizer(bytes: bytes, start: headerStart(bytes))
    var header: [CSVTokenizer.Field] = []
    let fail = { (offset: Int, code: BundleError.Code, message: String) -> BundleError in
      let (line, column) = TextPosition.lineAndColumn(of: offset, in: bytes)
      return BundleError(code, file: file, line: line, column: column, message)
    }
    let hasHeader: Bool
    do {
      hasHeader = try tokenizer.nextRecord(into: &header)
    } catch let failure {
      throw fail(failure.offset, .malformedCSV, failure.message)
    }
    guard hasHeader else {
      throw BundleError(.invalidInstances, file: file,
                        "the file is empty (expected a header row with an 'id' column)")
    }
    var names: [String] = []
    for field in header {
      var buffer: [UInt8] = []
      tokenizer.appendContent(of: field, to: &buffer)
      names.append(String(decoding: buffer, as: UTF8.self))
    }
    let columns = try InstanceColumns(header: names, offsets: header.map(\.start), fail: fail)
    let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
    let nominal = CSVChunkBoundaries.nominalStarts(
      from: tokenizer.position, to: bytes.count, threads: threadCount, minimumBytes: chunkBytes)
    let chunks = try parseChunks(bytes, file: file, columns: columns, nominal: nominal)
    var reader = InstanceTableReader(
      bytes: bytes, file: file, columns: columns,
      rows: InstanceRows.merged(chunks, bytes: bytes, columns: columns))
    return try reader.finish(classes: classes)
  }

  /// Where the header starts: after a UTF-8 byte order mark, if any.
  static func headerStart(_ bytes: UnsafeRawBufferPointer) -> Int {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// Parses the rows in chunks from the `nominal` starts (the first is the
  /// first row), in parallel; returns them in file order, each parsed from
  /// its true first row.
  ///
  /// - Throws: the first fault in file order.
  private static func parseChunks(
    _ bytes: UnsafeRawBufferPointer, file: String, columns: InstanceColumns, nominal: [Int]
  ) throws -> [InstanceRows] {
    let start = nominal[0]
    let limits = Array(nominal.dropFirst()) + [bytes.count]
    let starts = [start] + nominal.dropFirst().map { CSVChunkBoundaries.guessedRowStart(bytes, nominal: $0) }
    typealias Parsed = Swift.Result<(rows: InstanceRows, end: Int), BundleError>
    let parse = { (from: Int, chunk: Int) -> Parsed in
      Swift.Result { () throws(BundleError) in
        try InstanceChunkParser.parse(bytes, file: file, columns: columns, start: from, limit: limits[chunk])
      }
    }
    var parsed = [Parsed?](repeating: nil, count: nominal.count)
    if nominal.count == 1 {
      parsed[0] = parse(start, 0)
    } else {
      parsed.withUnsafeMutableBufferPointer { results in
        nonisolated(unsafe) let results = results
        nonisolated(unsafe) let parse = parse
        DispatchQueue.concurrentPerform(iterations: nominal.count) { chunk in
          results[chunk] = parse(starts[chunk], chunk)
        }
      }
    }
    var chunks: [InstanceRows] = []
    var next = start
    for chunk in nominal.indices {
      // A guess inside a quoted field: parse again from the true row start.
      let result = starts[chunk] == next ? parsed[chunk]! : parse(next, chunk)
      parsed[chunk] = nil
      let (rows, end) = try result.get()
      chunks.append(rows)
      next = end
    }
    return chunks
  }

  func error(_ code: BundleError.Code, at offset: Int, _ message: String) -> BundleError {
    let (line, column) = TextPosition.lineAndColumn(of: offset, in: bytes)
    return BundleError(code, file: file, line: line, column: column, message)
  }
}
