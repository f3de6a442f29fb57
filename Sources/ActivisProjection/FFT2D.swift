/// Two-dimensional complex FFTs of square `size × size` grids (row-major, split complex).
///
/// Columns are transformed eight at a time (four per SIMD vector, loaded straight from rows),
/// with a transpose between the two passes. The forward transform therefore leaves its result
/// transposed, and the inverse expects transposed input and restores the original layout;
/// pointwise products of two forward transforms are unaffected. Column groups are spread
/// over worker threads.
struct FFT2D {
  /// Grid side length (a 5-smooth multiple of 8).
  let size: Int
  private let plan: FFTPlan
  private let threads: Int

  /// Prepares transforms of `size × size` grids.
  init(size: Int, threads: Int) {
    precondition(size % 8 == 0 && FFTPlan.isSupported(size), "bad FFT grid size \(size)")
    self.size = size
    self.plan = FFTPlan(length: size)
    self.threads = threads
  }

  /// Forward transform, transposed result. Only the first `nonzeroColumns` columns of the
  /// input may be nonzero.
  func forward(
    re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, nonzeroColumns: Int
  ) {
    columns(re, im, count: nonzeroColumns, inverse: false)
    transpose(re)
    transpose(im)
    columns(re, im, count: size, inverse: false)
  }

  /// Unscaled inverse of a transposed spectrum; only the first `neededColumns` columns of the
  /// result are computed (the rest hold intermediate values).
  func inverse(
    re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>, neededColumns: Int
  ) {
    columns(re, im, count: size, inverse: true)
    transpose(re)
    transpose(im)
    columns(re, im, count: neededColumns, inverse: true)
  }

  /// Transforms every column in `0..<count` (rounded up to a multiple of 8) along the rows,
  /// eight at a time so that every load uses a whole cache line.
  private func columns(
    _ re: UnsafeMutablePointer<Double>, _ im: UnsafeMutablePointer<Double>, count: Int,
    inverse: Bool
  ) {
    let n = size
    let groups = (min(count, n) + 7) / 8
    let blocks = Parallel.blockCount(count: groups, minimumSize: 1)
    let plan = self.plan
    Parallel.forEach(blocks: blocks, threads: threads) { b in
      let buffer = UnsafeMutablePointer<SIMD4<Double>>.allocate(capacity: 6 * n)
      defer { buffer.deallocate() }
      let lowRe = buffer
      let lowIm = buffer + n
      let highRe = buffer + 2 * n
      let highIm = buffer + 3 * n
      let scratch = buffer + 4 * n
      for g in Parallel.range(block: b, blocks: blocks, count: groups) {
        let c0 = 8 * g
        for r in 0..<n {
          let rr = UnsafeRawPointer(re + r * n + c0)
          let ri = UnsafeRawPointer(im + r * n + c0)
          lowRe[r] = rr.loadUnaligned(as: SIMD4<Double>.self)
          highRe[r] = rr.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
          lowIm[r] = ri.loadUnaligned(as: SIMD4<Double>.self)
          highIm[r] = ri.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
        }
        plan.transform(
          re: lowRe, im: lowIm, scratchRe: scratch, scratchIm: scratch + n, inverse: inverse)
        plan.transform(
          re: highRe, im: highIm, scratchRe: scratch, scratchIm: scratch + n, inverse: inverse)
        for r in 0..<n {
          let wr = UnsafeMutableRawPointer(re + r * n + c0)
          let wi = UnsafeMutableRawPointer(im + r * n + c0)
          wr.storeBytes(of: lowRe[r], as: SIMD4<Double>.self)
          wr.storeBytes(of: highRe[r], toByteOffset: 32, as: SIMD4<Double>.self)
          wi.storeBytes(of: lowIm[r], as: SIMD4<Double>.self)
          wi.storeBytes(of: highIm[r], toByteOffset: 32, as: SIMD4<Double>.self)
        }
      }
    }
  }

  /// Transposes the square plane in place, tile by tile.
  private func transpose(_ a: UnsafeMutablePointer<Double>) {
    let n = size
    let tile = 32
    let tiles = (n + tile - 1) / tile
    Parallel.forEach(blocks: tiles, threads: threads) { ti in
      let r0 = ti * tile
      let r1 = min(n, r0 + tile)
      for tj in ti..<tiles {
        let c0 = tj * tile
        let c1 = min(n, c0 + tile)
        for r in r0..<r1 {
          for c in max(c0, r + 1)..<max(c1, r + 1) {
            let x = a[r * n + c]
            a[r * n + c] = a[c * n + r]
            a[c * n + r] = x
          }
        }
      }
    }
  }
}
