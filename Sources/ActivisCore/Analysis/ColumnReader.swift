import Dispatch
import Foundation

extension LayerMatrix {
  /// One neuron's activation for every instance, as `Float`.
  ///
  /// - Complexity: O(N); touches one value per row, but with rows stored one
  ///   after another (C order) this still reads every page of the layer
  ///   (in Fortran order only the neuron's own run of values), so the rows
  ///   are split between `threads` threads (default: the active processors),
  ///   and pages are released again as they go, so memory stays small.
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public func column(_ column: Int, threads: Int? = nil) throws -> [Float] {
    precondition(column >= 0 && column < columnCount, "column \(column) outside 0..<\(columnCount)")
    let requested = threads ?? ProcessInfo.processInfo.activeProcessorCount
    let threadCount = Swift.max(1, Swift.min(requested, rowCount / 4096))
    let rowsPerThread = (rowCount + threadCount - 1) / threadCount
    let values = [Float](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
      nonisolated(unsafe) let destination = buffer.baseAddress
      DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
        let start = thread * rowsPerThread
        let end = Swift.min(rowCount, start + rowsPerThread)
        guard start < end, let destination else { return }
        readColumn(column, rows: start ..< end, into: destination)
      }
      initialized = rowCount
    }
    try Interruption.check()
    return values
  }

  /// Copies `column` of `rows` into `destination[row]`, 16 MB of the layer
  /// at a time, releasing the pages read after each; stops early when the
  /// user presses Ctrl-C.
  private func readColumn(_ column: Int, rows: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
    let window = Swift.max(64, (16 << 20) / Swift.max(1, rowByteCount))
    for start in stride(from: rows.lowerBound, to: rows.upperBound, by: window) {
      if Interruption.isRequested { return }
      let block = start ..< Swift.min(rows.upperBound, start + window)
      copyColumn(column, rows: block, into: destination)
      releasePages(rows: block, neuron: column)
    }
  }
}
