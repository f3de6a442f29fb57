import CGramKernel
import Dispatch
import Foundation

/// The area under the ROC curve of each neuron for telling group B from
/// group A: the probability that a member of B has a higher activation than a
/// member of A, ties counted half (the Mann–Whitney U over all members, as a
/// fraction of nA·nB), exact. NaN values are left out; ±infinity ranks as a
/// number. A row in both groups counts in both.
///
/// Neurons are taken in blocks sized to a memory budget: each block reads
/// only the members' values of its neurons, then each neuron's values in A
/// and in B are radix-sorted apart, as 32-bit order-preserving keys, and
/// the two sorted lists are merged, counting for each value of B the values
/// of A below and equal to it.
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
    let flags = members.map { UInt8((a.contains($0) ? 1 : 0) | (b.contains($0) ? 2 : 0)) }
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
          guard let first = rows.first, let last = rows.last else { continue }
          matrix.releasePages(rows: first ..< last + 1)
          // A Fortran-order shard keeps each neuron's values apart: each neuron's run is let go of.
          if matrix.hasFortranOrderShards {
            for neuron in block { matrix.releasePages(rows: first ..< last + 1, neuron: neuron) }
          }
        }
      }
      let areas = [Double](unsafeUninitializedCapacity: block.count) { buffer, initialized in
        nonisolated(unsafe) let output = buffer.baseAddress
        DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
          guard let output else { return }
          var keys = Keys(count: count)
          for k in Swift.stride(from: thread, to: block.count, by: threadCount) {
            output[k] = area(gathered + k * count, flags: flags, count: count, keys: &keys)
          }
        }
        initialized = block.count
      }
      for (offset, value) in areas.enumerated() { result[blockStart + offset] = value }
    }
    return result
  }

  /// Room for one neuron's sort keys of each group, and for sorting them.
  struct Keys {
    var a: [UInt32]
    var b: [UInt32]
    var scratch: [UInt32]

    init(count: Int) {
      a = [UInt32](repeating: 0, count: count)
      b = [UInt32](repeating: 0, count: count)
      scratch = [UInt32](repeating: 0, count: count)
    }
  }

  /// The AUROC of one neuron's `count` values (`flags`: 1 in A, 2 in B).
  static func area(_ values: UnsafePointer<Float>, flags: [UInt8], count: Int, keys: inout Keys) -> Double {
    var countA = 0, countB = 0
    keys.a.withUnsafeMutableBufferPointer { a in
      keys.b.withUnsafeMutableBufferPointer { b in
        flags.withUnsafeBufferPointer { flags in
          // Without branches (membership is as good as random): each key is
          // written to both lists and kept where its flags say.
          for m in 0 ..< count {
            let key = values[m].orderedBits
            let kept = values[m].isNaN ? 0 : Int(flags[m])
            a[countA] = key
            countA += kept & 1
            b[countB] = key
            countB += kept >> 1
          }
        }
      }
    }
    guard countA > 0, countB > 0 else { return .nan }
    RadixSort.sort(&keys.a, scratch: &keys.scratch, count: countA, byBitsFrom: 0)
    RadixSort.sort(&keys.b, scratch: &keys.scratch, count: countB, byBitsFrom: 0)
    let (below, equal) = pairs(keys.a, countA, keys.b, countB)
    // Pairs (a, b) with a < b count 1 and with a = b count ½; both counts are exact.
    return (Double(below) + 0.5 * Double(equal)) / (Double(countA) * Double(countB))
  }

  /// The number of pairs of a value of `a` and one of `b` (both ascending)
  /// where the first is below the second, and where they are equal: one
  /// merge of the two lists whose steps take no branch on the order (as good
  /// as random); only a tie branches, to count the values of `a` equal to
  /// it once for its whole run in `b`.
  static func pairs(_ a: [UInt32], _ countA: Int, _ b: [UInt32], _ countB: Int) -> (below: Int, equal: Int) {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        var i = 0, j = 0, below = 0, equal = 0
        var tie: UInt32 = 0, tieCount = -1  // the last value of `b` found in `a`, and how often it is there
        while i < countA && j < countB {
          let x = a[i], y = b[j]
          if x == y {
            if tieCount < 0 || tie != y {
              tie = y
              tieCount = 0
              while i + tieCount < countA && a[i + tieCount] == y { tieCount += 1 }
            }
            equal += tieCount
          }
          // Taking a value of A counts it below every value of B still to come.
          let step = x < y ? 1 : 0
          below += (1 - step) * i
          i += step
          j += 1 - step
        }
        return (below + (countB - j) * i, equal)
      }
    }
  }
}

extension LayerMatrix {
  /// Converts, for each of `rows`, its values of `neurons` into
  /// `destination[k * stride + i]` (neuron-major: `i` the row's place in `rows`).
  func gather(rows: ArraySlice<Int>, neurons: [Int], into destination: UnsafeMutablePointer<Float>, stride: Int) {
    guard let first = neurons.first else { return }
    if readsRowsInPlace, let low = rows.first, let high = rows.last {
      // Native float32 in C order: each shard's rows in one call of the C loop, which fetches ahead.
      var start = rows.startIndex
      forEachShardBlock(in: low ..< high + 1) { shard, block in
        var end = start
        while end < rows.endIndex && rows[end] < block.upperBound { end += 1 }
        let relative = rows[start ..< end].map { $0 - shard.rows.lowerBound }
        activis_gather_neurons(shard.base.assumingMemoryBound(to: CChar.self), shard.rowStride, relative,
                               relative.count, neurons, neurons.count, destination + (start - rows.startIndex), stride)
        start = end
      }
      return
    }
    let contiguous = neurons.elementsEqual(first ..< first + neurons.count)
    for (i, row) in rows.enumerated() {
      let output = destination + i
      forEachShardBlock(in: row ..< row + 1) { shard, _ in
        if contiguous && !shard.isFortranOrder {
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
