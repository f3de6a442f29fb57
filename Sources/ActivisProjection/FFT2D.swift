/// Two-dimensional complex FFTs of square `size × size` grids (row-major, split complex),
/// rows and columns spread over worker threads.
struct FFT2D {
  /// Grid side length.
  let size: Int
  private let plan: FFTPlan
  private let threads: Int
  private static let batch = 8

  /// Prepares transforms of `size × size` grids (`size` must be 5-smooth).
  init(size: Int, threads: Int) {
    self.size = size
    self.plan = FFTPlan(length: size)
    self.threads = threads
  }

  /// Forward transform, where only the first `nonzeroRows` rows may be nonzero.
  func forward(
    re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, nonzeroRows: Int
  ) {
    rows(re, im, count: nonzeroRows, inverse: false)
    columns(re, im, inverse: false)
  }

  /// Unscaled inverse transform, of which only the first `neededRows` rows are computed
  /// exactly (later rows are left partially transformed).
  func inverse(
    re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, neededRows: Int
  ) {
    columns(re, im, inverse: true)
    rows(re, im, count: neededRows, inverse: true)
  }

  private func rows(
    _ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, count: Int,
    inverse: Bool
  ) {
    let n = size
    let blocks = Parallel.blockCount(count: count, minimumSize: 8)
    Parallel.forEach(blocks: blocks, threads: threads) { b in
      let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n)
      defer { scratch.deallocate() }
      for r in Parallel.range(block: b, blocks: blocks, count: count) {
        plan.transform(
          re: re + r * n, im: im + r * n, scratchRe: scratch, scratchIm: scratch + n,
          inverse: inverse)
      }
    }
  }

  private func columns(
    _ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, inverse: Bool
  ) {
    let n = size
    let batch = Self.batch
    let groups = (n + batch - 1) / batch
    let blocks = Parallel.blockCount(count: groups, minimumSize: 1)
    Parallel.forEach(blocks: blocks, threads: threads) { b in
      let buffer = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n * (batch + 1))
      defer { buffer.deallocate() }
      let colRe = buffer
      let colIm = buffer + n * batch
      let scratch = buffer + 2 * n * batch
      for g in Parallel.range(block: b, blocks: blocks, count: groups) {
        let c0 = g * batch
        let width = min(batch, n - c0)
        for r in 0..<n {
          let rowRe = re + r * n + c0
          let rowIm = im + r * n + c0
          for c in 0..<width {
            colRe[c * n + r] = rowRe[c]
            colIm[c * n + r] = rowIm[c]
          }
        }
        for c in 0..<width {
          plan.transform(
            re: colRe + c * n, im: colIm + c * n, scratchRe: scratch, scratchIm: scratch + n,
            inverse: inverse)
        }
        for r in 0..<n {
          let rowRe = re + r * n + c0
          let rowIm = im + r * n + c0
          for c in 0..<width {
            rowRe[c] = colRe[c * n + r]
            rowIm[c] = colIm[c * n + r]
          }
        }
      }
    }
  }
}
