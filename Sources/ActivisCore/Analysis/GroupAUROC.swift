import Dispatch
import Foundation

/// The area under the ROC curve of each neuron for telling group B from
/// group A: the probability that a member of B has a higher activation than a
/// member of A, ties counted half (the Mann–Whitney U over all members, as a
/// fraction of nA·nB), exact. NaN values are left out; ±infinity ranks as a
/// number. A row in both groups counts in both.
///
/// Neurons are taken in blocks sized to a memory budget: each block reads
/// only the members' values of its neurons, then each neuron's values are
/// radix-sorted by an order-preserving key with the group flags beside it.
public enum GroupAUROC {
  /// Bytes of gathered values one block may hold.
  public static let defaultBudgetBytes = 256 << 20

  /// The AUROC of each of `neurons` (default every neuron), in that order;
  /// NaN for a neuron where a group has no finite value.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func compute(_ matrix: LayerMatrix, a: InstanceSet, b: InstanceSet, neurons: [Int]? = nil,
                             budgetBytes: Int = defaultBudgetBytes, threads: Int? = nil) throws -> [Double] {
    let chosen = neurons ?? Array(0 ..< matrix.columnCount)
    let members = a.union(b).rows
    let flags = members.map { UInt64((a.contains($0) ? 1 : 0) | (b.contains($0) ? 2 : 0)) }
    let count = members.count
    guard count > 0, !chosen.isEmpty else { return chosen.map { _ in .nan } }
    let threadCount = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let blockNeurons = Swift.max(1, Swift.min(chosen.count, budgetBytes / Swift.max(1, count * 4)))
    var result = [Double](repeating: .nan, count: chosen.count)
    let values = UnsafeMutablePointer<Float>.allocate(capacity: blockNeurons * count)
    defer { values.deallocate() }
    nonisolated(unsafe) let gathered = values
    for blockStart in stride(from: 0, to: chosen.count, by: blockNeurons) {
      try Interruption.check()
      let block = Array(chosen[blockStart ..< Swift.min(chosen.count, blockStart + blockNeurons)])
      // Each thread reads a share of the members' rows.
      let perThread = (count + threadCount - 1) / threadCount
      DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
        let start = thread * perThread
        let end = Swift.min(count, start + perThread)
        // Chunks of rows, their pages let go of once read, so that memory holds a
        // window of the layer and the gathered values, never the whole file.
        for chunk in Swift.stride(from: start, to: end, by: 4096) {
          let rows = members[chunk ..< Swift.min(end, chunk + 4096)]
          matrix.gather(rows: rows, neurons: block, into: gathered + chunk, stride: count)
          if let first = rows.first, let last = rows.last { matrix.releasePages(rows: first ..< last + 1) }
        }
      }
      let areas = [Double](unsafeUninitializedCapacity: block.count) { buffer, initialized in
        nonisolated(unsafe) let output = buffer.baseAddress
        DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
          guard let output else { return }
          var keys = [UInt64](repeating: 0, count: count)
          var scratch = [UInt64](repeating: 0, count: count)
          for k in Swift.stride(from: thread, to: block.count, by: threadCount) {
            output[k] = area(gathered + k * count, flags: flags, count: count, keys: &keys, scratch: &scratch)
          }
        }
        initialized = block.count
      }
      for (offset, value) in areas.enumerated() { result[blockStart + offset] = value }
    }
    return result
  }

  /// The AUROC of one neuron's `count` values.
  static func area(_ values: UnsafePointer<Float>, flags: [UInt64], count: Int, keys: inout [UInt64],
                   scratch: inout [UInt64]) -> Double {
    let n = keys.withUnsafeMutableBufferPointer { keys in
      flags.withUnsafeBufferPointer { flags in
        var n = 0
        for m in 0 ..< count where !values[m].isNaN {
          keys[n] = UInt64(values[m].orderedBits) << 8 | flags[m]
          n += 1
        }
        return n
      }
    }
    RadixSort.sort(&keys, scratch: &scratch, count: n, byBitsFrom: 8)
    return keys.withUnsafeBufferPointer { keys in
      var belowA = 0.0, totalA = 0.0, totalB = 0.0, pairs = 0.0
      var index = 0
      while index < n {
        let key = keys[index] >> 8
        var runA = 0.0, runB = 0.0
        while index < n, keys[index] >> 8 == key {
          let flag = keys[index] & 3
          if flag & 1 != 0 { runA += 1 }
          if flag & 2 != 0 { runB += 1 }
          index += 1
        }
        pairs += runB * belowA + 0.5 * runB * runA
        belowA += runA
        totalA += runA
        totalB += runB
      }
      return totalA > 0 && totalB > 0 ? pairs / (totalA * totalB) : .nan
    }
  }
}

extension LayerMatrix {
  /// Converts, for each of `rows`, its values of `neurons` into
  /// `destination[k * stride + i]` (neuron-major: `i` the row's place in `rows`).
  func gather(rows: ArraySlice<Int>, neurons: [Int], into destination: UnsafeMutablePointer<Float>, stride: Int) {
    guard let first = neurons.first else { return }
    let contiguous = neurons.elementsEqual(first ..< first + neurons.count)
    for (i, row) in rows.enumerated() {
      let output = destination + i
      forEachShardBlock(in: row ..< row + 1) { shard, _ in
        if readsRowsInPlace {
          // Native float32 in C order: the values are read where they lie.
          let values = address(row: row, neuron: 0, in: shard).assumingMemoryBound(to: Float.self)
          for (k, neuron) in neurons.enumerated() { output[k * stride] = values[neuron] }
        } else if contiguous && !shard.isFortranOrder {
          scalarType.convert(address(row: row, neuron: first, in: shard), count: neurons.count,
                             sourceStride: shard.runStride, into: output, destinationStride: stride)
        } else {
          for (k, neuron) in neurons.enumerated() {
            scalarType.convert(address(row: row, neuron: neuron, in: shard), count: 1, into: output + k * stride)
          }
        }
      }
    }
  }
}
