import ActivisTestSupport
import CGramKernel
import Testing

/// The statistics pass's sweep in C, bit for bit (NaN as NaN) against the
/// same expressions evaluated one neuron at a time in a plain loop, at every
/// tail length and with NaN, infinities and signed zeros among the values.
@Suite struct SweepKernelTests {
  @Test func sweepIsTheScalarExpressionsBitForBit() {
    var generator = SystemRandomNumberGenerator()
    let specials: [Float] = [.nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    func value() -> Float {
      Int.random(in: 0 ..< 10, using: &generator) == 0
        ? specials.randomElement(using: &generator)! : Float.random(in: -4 ... 4, using: &generator)
    }
    func least(_ a: Float, _ b: Float) -> Float { a < b ? a : b }
    func most(_ a: Float, _ b: Float) -> Float { a > b ? a : b }
    for columns in 0 ... 40 {
      let rows = (0 ..< 8).map { _ in (0 ..< columns).map { _ in value() } }
      let t = (0 ..< columns).map { _ in value() }
      var s = (0 ..< columns).map { _ in value() }, q = (0 ..< columns).map { _ in value() }
      var low = (0 ..< columns).map { _ in value() }, high = (0 ..< columns).map { _ in value() }
      var (es, eq, el, eh) = (s, q, low, high)
      for j in 0 ..< columns {
        let x = rows.map { $0[j] }
        let d = x.map { $0 - t[j] }
        es[j] += ((d[0] + d[1]) + (d[2] + d[3])) + ((d[4] + d[5]) + (d[6] + d[7]))
        let p = d.map { $0 * $0 }
        eq[j] += ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]))
        el[j] = least(least(least(x[0], x[1]), least(x[2], x[3])),
                      least(least(x[4], x[5]), least(least(x[6], x[7]), el[j])))
        eh[j] = most(most(most(x[0], x[1]), most(x[2], x[3])),
                     most(most(x[4], x[5]), most(most(x[6], x[7]), eh[j])))
      }
      // The eight rows one after another in one buffer, and a pointer to each.
      let flat: [Float] = rows.flatMap { $0 } + [0]
      flat.withUnsafeBufferPointer { buffer in
        let pointers: [UnsafePointer<Float>?] = (0 ..< 8).map { buffer.baseAddress! + $0 * columns }
        activis_sweep8(pointers, t, &s, &q, &low, &high, columns)
      }
      // A NaN's sign and payload depend on which operand the processor keeps, which
      // compilers may swap: NaN is compared as NaN, every other value bit for bit.
      func bits(_ values: [Float]) -> [UInt32?] { values.map { $0.isNaN ? nil : $0.bitPattern } }
      #expect(bits(s) == bits(es), "sums, \(columns) neurons")
      #expect(bits(q) == bits(eq), "squares, \(columns) neurons")
      #expect(bits(low) == bits(el), "minimum, \(columns) neurons")
      #expect(bits(high) == bits(eh), "maximum, \(columns) neurons")
    }
  }
}

extension SweepKernelTests {
  /// `activis_add_centred` bit for bit against v = Double(x − mean),
  /// sums += v, squares += v · v one neuron at a time, at every tail length,
  /// with and without a row to fetch next.
  @Test func addCentredIsTheScalarExpressionsBitForBit() {
    var generator = SplitMix64(seed: 23)
    for columns in 0 ... 40 {
      let x = (0 ..< columns).map { _ in Float.random(in: -1e3 ... 1e3, using: &generator) }
      let mean = (0 ..< columns).map { _ in Float.random(in: -1e3 ... 1e3, using: &generator) }
      let next = (0 ..< columns).map { _ in Float.random(in: -1 ... 1, using: &generator) }
      var sums = (0 ..< columns).map { _ in Double.random(in: -1e6 ... 1e6, using: &generator) }
      var squares = (0 ..< columns).map { _ in Double.random(in: 0 ... 1e9, using: &generator) }
      var (expectedSums, expectedSquares) = (sums, squares)
      for j in 0 ..< columns {
        let v = Double(x[j] - mean[j])
        expectedSums[j] += v
        expectedSquares[j] += v * v
      }
      next.withUnsafeBufferPointer { next in
        activis_add_centred(x, mean, columns % 2 == 0 ? next.baseAddress : nil, &sums, &squares, columns)
      }
      #expect(sums.map(\.bitPattern) == expectedSums.map(\.bitPattern), "\(columns) columns")
      #expect(squares.map(\.bitPattern) == expectedSquares.map(\.bitPattern), "\(columns) columns")
    }
  }
}
