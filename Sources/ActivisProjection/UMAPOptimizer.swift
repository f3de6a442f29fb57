import Foundation

/// UMAP's layout optimisation: stochastic gradient descent on the fuzzy cross-entropy with
/// edge sampling and negative sampling (McInnes, Healy & Melville 2018, §3.2 and §4).
///
/// Edge (i, j) of weight w is sampled once every w_max / w epochs; each sample pulls i towards
/// j (by twice the clipped step: once for each direction of the symmetric edge, as umap-learn
/// moves both ends) and
/// pushes i away from `negativeSampleRate` points drawn at random (their moves, each computed
/// from i's position before them, are added together). Every move component is clipped to ±4
/// and the learning rate decays linearly to 0.
///
/// Within an epoch every point moves by its own samples against the positions the other
/// points had when the epoch began, and draws its negative samples from a generator seeded
/// by (seed, epoch, point). Points are thus independent within an epoch and are processed in
/// parallel, and the layout depends on the seed alone, never on the number of threads.
struct UMAPOptimizer {
  let graph: FuzzySimplicialSet
  let a: Float
  let b: Float
  let epochs: Int
  let negativeSampleRate: Int
  let learningRate: Double
  let repulsionStrength: Float
  let seed: UInt64
  let threads: Int

  /// Runs all epochs on the interleaved `rows × 2` layout `y`; `report(epoch)` is called on
  /// the calling thread after every `interval` epochs.
  func run(
    _ y: inout [Float], interval: Int, report: (Int) -> Void, isCancelled: () -> Bool
  ) throws {
    let n = graph.rows
    let edgeCount = graph.columns.count
    // Edges lighter than w_max / epochs would never be sampled; they are left out.
    let maximum = graph.weights.max() ?? 0
    var epochsPerSample = [Double](repeating: -1, count: edgeCount)
    if maximum > 0 {
      for e in 0..<edgeCount where graph.weights[e] >= maximum / Double(max(epochs, 1)) {
        epochsPerSample[e] = maximum / graph.weights[e]
      }
    }
    let rate = Double(max(negativeSampleRate, 0))
    var nextSample = epochsPerSample
    var epochsPerNegative = epochsPerSample.map { rate > 0 ? $0 / rate : .infinity }
    var nextNegative = epochsPerNegative
    let blocks = Parallel.blockCount(count: n, minimumSize: 128, maximum: 256)
    var snapshot = y
    // Raw views of the graph for the hot loop (no reference counting or bounds checks there).
    let rowStarts = UnsafeMutableBufferPointer<Int>.allocate(capacity: n + 1)
    let columns = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(edgeCount, 1))
    defer {
      rowStarts.deallocate()
      columns.deallocate()
    }
    _ = rowStarts.initialize(from: graph.rowStart)
    _ = columns.initialize(from: graph.columns)
    for epoch in 0..<epochs {
      if isCancelled() { throw ProjectionCancelled() }
      let alpha = Float(learningRate * (1 - Double(epoch) / Double(epochs)))
      snapshot.withUnsafeMutableBufferPointer { s in
        y.withUnsafeBufferPointer { y in
          for e in 0..<(2 * n) { s[e] = y[e] }
        }
      }
      let edges = EdgeLists(rowStart: rowStarts, columns: columns)
      snapshot.withUnsafeBufferPointer { old in
        y.withUnsafeMutableBufferPointer { y in
          epochsPerSample.withUnsafeBufferPointer { perSample in
            nextSample.withUnsafeMutableBufferPointer { nextSample in
              epochsPerNegative.withUnsafeMutableBufferPointer { perNegative in
                nextNegative.withUnsafeMutableBufferPointer { nextNegative in
                  Parallel.forEach(blocks: blocks, threads: threads) { block in
                    for i in Parallel.range(block: block, blocks: blocks, count: n) {
                      movePoint(
                        i, epoch: epoch, alpha: alpha, edges: edges, old: old, y: y, perSample: perSample,
                        nextSample: nextSample, perNegative: perNegative, nextNegative: nextNegative)
                    }
                  }
                }
              }
            }
          }
        }
      }
      if interval > 0, (epoch + 1) % interval == 0 { report(epoch + 1) }
    }
  }

  @inline(__always)
  private func clip(_ value: Float) -> Float { Swift.min(4, Swift.max(-4, value)) }

  /// The graph's rows as raw buffers.
  private struct EdgeLists {
    let rowStart: UnsafeMutableBufferPointer<Int>
    let columns: UnsafeMutableBufferPointer<Int32>
  }

  /// One point's samples of one epoch.
  @inline(__always)
  private func movePoint(
    _ i: Int, epoch: Int, alpha: Float, edges: EdgeLists, old: UnsafeBufferPointer<Float>,
    y: UnsafeMutableBufferPointer<Float>, perSample: UnsafeBufferPointer<Double>,
    nextSample: UnsafeMutableBufferPointer<Double>, perNegative: UnsafeMutableBufferPointer<Double>,
    nextNegative: UnsafeMutableBufferPointer<Double>
  ) {
    let now = Double(epoch)
    var x0 = y[2 * i]
    var x1 = y[2 * i + 1]
    var generator = SeededGenerator(
      seed: seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(i) &* 0xD1B5_4A32_D192_ED03)
    let a = self.a
    let b = self.b
    let gamma = repulsionStrength
    let points = UInt64(old.count / 2)
    for e in edges.rowStart[i]..<edges.rowStart[i + 1] {
      guard perSample[e] > 0, nextSample[e] <= now else { continue }
      let j = Int(edges.columns[e])
      let t0 = old[2 * j]
      let t1 = old[2 * j + 1]
      let d0 = x0 - t0
      let d1 = x1 - t1
      let d2 = d0 * d0 + d1 * d1
      if d2 > 0 {
        let powered = FastPower.power(d2, b)  // d^(2b)
        let coefficient = -2 * a * b * (powered / d2) / (1 + a * powered)
        // Both directions of the symmetric edge: umap-learn moves both ends of each.
        x0 += 2 * clip(coefficient * d0) * alpha
        x1 += 2 * clip(coefficient * d1) * alpha
      }
      nextSample[e] += perSample[e]
      guard negativeSampleRate > 0 else { continue }
      let negatives = Int((now - nextNegative[e]) / perNegative[e])
      if negatives > 0 {
        // The sample's negatives all push from the same position and their clipped moves are
        // added up, so that they can be computed side by side.
        var m0: Float = 0
        var m1: Float = 0
        for _ in 0..<negatives {
          // A uniform point by multiply-shift (no division); n < 2³² here.
          let k = Int(((generator.next() >> 32) &* points) >> 32)
          let d0 = x0 - old[2 * k]
          let d1 = x1 - old[2 * k + 1]
          let d2 = d0 * d0 + d1 * d1
          // The point itself, or one at the very same place, pushes nowhere.
          let coefficient =
            k == i || d2 <= 0 ? 0 : 2 * gamma * b / ((0.001 + d2) * (1 + a * FastPower.power(d2, b)))
          m0 += clip(coefficient * d0)
          m1 += clip(coefficient * d1)
        }
        x0 += m0 * alpha
        x1 += m1 * alpha
        nextNegative[e] += Double(negatives) * perNegative[e]
      }
    }
    y[2 * i] = x0
    y[2 * i + 1] = x1
  }
}
