import CGramKernel

extension LinearCKA {
  /// One thread's sums over its rows: per layer the column sums of the
  /// shifted values and the Gram matrix (upper triangle), per pair the cross
  /// Gram matrix, and the number of rows used.
  struct PartialSums: @unchecked Sendable {
    var used = 0
    var sums: [[Double]]
    var grams: [[Double]]
    var crosses: [[Double]]
    let columns: [Int]

    init(layers: [Side], pairs: [(Int, Int)]) {
      columns = layers.map(\.columns)
      sums = columns.map { [Double](repeating: 0, count: $0) }
      grams = columns.map { [Double](repeating: 0, count: $0 * $0) }
      crosses = pairs.map { [Double](repeating: 0, count: layers[$0.0].columns * layers[$0.1].columns) }
    }

    /// Adds the rows `range` (indices into each side's rows) block by block;
    /// false when interrupted.
    mutating func accumulate(_ range: Range<Int>, layers: [Side], shifts: [[Float]], pairs: [(Int, Int)],
                             interrupted: ManagedFlag) -> Bool {
      let blockRows = LinearCKA.blockRows
      let buffers = columns.map { UnsafeMutablePointer<Float>.allocate(capacity: blockRows * Swift.max(1, $0)) }
      defer { buffers.forEach { $0.deallocate() } }
      var keep = [Bool](repeating: true, count: blockRows)
      var start = range.lowerBound
      while start < range.upperBound {
        if Interruption.isRequested || interrupted.isSet { return false }
        let block = start ..< Swift.min(range.upperBound, start + blockRows)
        let count = block.count
        for r in 0 ..< count { keep[r] = true }
        for (l, side) in layers.enumerated() {
          side.gather(block, into: buffers[l])
          let d = columns[l]
          for r in 0 ..< count {
            let row = buffers[l] + r * d
            for j in 0 ..< d {
              row[j] -= shifts[l][j]
              if !row[j].isFinite { keep[r] = false }
            }
          }
          side.release(block)
        }
        for (l, buffer) in buffers.enumerated() {
          let d = columns[l]
          for r in 0 ..< count {
            let row = buffer + r * d
            if !keep[r] {
              row.update(repeating: 0, count: d)
              continue
            }
            for j in 0 ..< d { sums[l][j] += Double(row[j]) }
          }
          grams[l].withUnsafeMutableBufferPointer { gram in
            activis_gram_accumulate(count, d, d, buffer, d, buffer, d, gram.baseAddress, d, 1)
          }
        }
        for (index, pair) in pairs.enumerated() {
          let (a, b) = pair
          crosses[index].withUnsafeMutableBufferPointer { cross in
            activis_gram_accumulate(count, columns[a], columns[b], buffers[a], columns[a], buffers[b], columns[b],
                                    cross.baseAddress, columns[b], 0)
          }
        }
        used += keep[0 ..< count].filter { $0 }.count
        start = block.upperBound
      }
      return true
    }

    /// Adds another thread's sums.
    mutating func add(_ other: PartialSums) {
      used += other.used
      func plus(_ left: inout [[Double]], _ right: [[Double]]) {
        for k in left.indices { for i in left[k].indices { left[k][i] += right[k][i] } }
      }
      plus(&sums, other.sums)
      plus(&grams, other.grams)
      plus(&crosses, other.crosses)
    }

    /// ‖XᵀX‖_F of layer `l` with its columns centred: Gram minus s sᵀ / n,
    /// read from the upper triangle.
    func centredSelfNorm(_ l: Int) -> Double {
      let d = columns[l], n = Double(Swift.max(1, used))
      var total = 0.0
      for i in 0 ..< d {
        for j in i ..< d {
          let c = grams[l][i * d + j] - sums[l][i] * sums[l][j] / n
          total += i == j ? c * c : 2 * c * c
        }
      }
      return total.squareRoot()
    }

    /// ‖YᵀX‖²_F of pair `index` (layers `a` and `b`) with the columns centred.
    func centredCrossSquaredNorm(_ index: Int, _ a: Int, _ b: Int) -> Double {
      let p = columns[a], q = columns[b], n = Double(Swift.max(1, used))
      var total = 0.0
      for i in 0 ..< p {
        for j in 0 ..< q {
          let c = crosses[index][i * q + j] - sums[a][i] * sums[b][j] / n
          total += c * c
        }
      }
      return total
    }
  }
}
