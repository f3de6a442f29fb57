import Dispatch
import Foundation

extension LayerMatrix {
  /// One neuron's activation for every instance, as `Float`.
  ///
  /// - Complexity: O(N); touches one value per row, but with rows stored one
  ///   after another this still reads every page of the layer, so the rows
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
        copyColumn(column, rows: start ..< end, into: destination)
      }
      initialized = rowCount
    }
    try Interruption.check()
    return values
  }

  /// Copies `column` of `rows` into `destination[row]`, releasing pages every
  /// 16 MB; stops early when the user presses Ctrl-C.
  private func copyColumn(_ column: Int, rows: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
    let width = scalarType.byteWidth
    let stride = rowByteCount
    let offset = column * width
    let window = Swift.max(64, (16 << 20) / Swift.max(1, stride))
    var unreleased = rows.lowerBound
    defer { releasePages(rows: unreleased ..< rows.upperBound) }
    forEachBlock(in: rows) { block, base in
      for row in block {
        if row - unreleased >= window {
          releasePages(rows: unreleased ..< row)
          unreleased = row
          if Interruption.isRequested { return }
        }
        let address = base + (row - block.lowerBound) * stride + offset
        switch scalarType {
        case .float32: destination[row] = address.loadUnaligned(as: Float.self)
        case .float64: destination[row] = Float(address.loadUnaligned(as: Double.self))
        case .float16: destination[row] = Float16Conversion.float(fromBits: address.loadUnaligned(as: UInt16.self))
        }
      }
    }
  }
}
