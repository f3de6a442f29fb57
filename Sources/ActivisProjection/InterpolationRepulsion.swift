import Foundation

/// The repulsive half of the t-SNE gradient by FFT-accelerated interpolation
/// (Linderman et al., "Fast interpolation-based t-SNE", Nature Methods 2019).
///
/// The embedding's bounding square is cut into `B × B` boxes with `p × p` equispaced nodes
/// each, which together form a uniform grid. Charges (1, x, y, x² + y²) are spread onto the
/// grid with Lagrange weights, convolved with the kernel 1 / (1 + d²)² by FFT over a
/// zero-padded grid, and interpolated back. From the four potentials follow the repulsive
/// force Σⱼ wᵢⱼ² (yᵢ − yⱼ) and, since wᵢⱼ = wᵢⱼ² (1 + d²ᵢⱼ), the normaliser Z = Σ wᵢⱼ.
final class InterpolationRepulsion {
  private let points: Int
  private let minimumIntervals: Int
  private let intervalWidth: Double
  private let threads: Int
  private var nodePositions: [Double]
  private var denominators: [Double]
  /// Per point: box column, box row.
  private let boxes: UnsafeMutableBufferPointer<Int32>
  /// Per point: `p` x-weights then `p` y-weights.
  private let weights: UnsafeMutableBufferPointer<Double>
  private var fft: FFT2D?
  private var kernelKey: (size: Int, nodes: Int, spacing: Double) = (0, 0, 0)
  /// Six `size × size` grids: two charge grids (real, imaginary) and the kernel.
  private var grids = UnsafeMutableBufferPointer<Double>(start: nil, count: 0)

  /// Prepares buffers for `rows` points.
  init(rows: Int, interpolationPoints: Int, minimumIntervals: Int, intervalWidth: Double,
    threads: Int)
  {
    let p = interpolationPoints
    self.points = p
    self.minimumIntervals = minimumIntervals
    self.intervalWidth = intervalWidth
    self.threads = threads
    nodePositions = (0..<p).map { (Double($0) + 0.5) / Double(p) }
    denominators = [Double](repeating: 1, count: p)
    for k in 0..<p {
      for m in 0..<p where m != k { denominators[k] *= nodePositions[k] - nodePositions[m] }
    }
    boxes = .allocate(capacity: 2 * rows)
    boxes.initialize(repeating: 0)
    weights = .allocate(capacity: 2 * p * rows)
    weights.initialize(repeating: 0)
  }

  deinit {
    boxes.deallocate()
    weights.deallocate()
    grids.deallocate()
  }

  /// Writes Σⱼ wᵢⱼ² (yᵢ − yⱼ) into `forces` (`rows × 2`) and returns Z = Σ_{i≠j} wᵢⱼ.
  func compute(
    embedding y: UnsafeBufferPointer<Double>, rows: Int,
    forces: UnsafeMutableBufferPointer<Double>
  ) -> Double {
    let p = points
    var low = Double.infinity
    var high = -Double.infinity
    for v in y {
      low = min(low, v)
      high = max(high, v)
    }
    let span = max(high - low, 1e-6)
    // Box width: `intervalWidth` once the embedding is wide enough, otherwise the largest
    // width on a geometric ladder below it that still gives `minimumIntervals` boxes. Widths
    // (and so the kernel's spectrum) then stay the same across many iterations.
    var boxWidth = intervalWidth
    while boxWidth * Double(minimumIntervals) > span * 1.09 { boxWidth /= 1.09 }
    let boxCount = FFTPlan.smoothSize(atLeast: Int((span / boxWidth).rounded(.up)) + 1)
    let nodes = boxCount * p
    let size = FFTPlan.smoothSize(atLeast: 2 * nodes, multipleOf: 8)
    let spacing = boxWidth / Double(p)
    low -= (Double(boxCount) * boxWidth - span) / 2
    let center = low + Double(boxCount) * boxWidth / 2
    prepareGrids(size: size)
    let cells = size * size
    let aRe = grids.baseAddress!
    let aIm = aRe + cells
    let bRe = aIm + cells
    let bIm = bRe + cells
    let kRe = bIm + cells
    let kIm = kRe + cells
    let boxes = self.boxes
    let weights = self.weights
    let threads = self.threads

    // 1. Boxes and Lagrange weights of every point.
    let blocks = Parallel.blockCount(count: rows, minimumSize: 512)
    do {
      do {
        nodePositions.withUnsafeBufferPointer { t in
          denominators.withUnsafeBufferPointer { den in
            Parallel.forEach(blocks: blocks, threads: threads) { b in
              for i in Parallel.range(block: b, blocks: blocks, count: rows) {
                for d in 0..<2 {
                  let u = (y[2 * i + d] - low) / boxWidth
                  let box = min(Int(u), boxCount - 1)
                  let local = u - Double(box)
                  boxes[2 * i + d] = Int32(box)
                  let w = 2 * p * i + d * p
                  for k in 0..<p {
                    var product = 1.0
                    for m in 0..<p where m != k { product *= local - t[m] }
                    weights[w + k] = product / den[k]
                  }
                }
              }
            }
          }
        }
      }
    }

    // 2. Spread the four charges: grid 1 holds 1 + i·x, grid 2 holds y + i·(x² + y²).
    do {
      do {
        do {
          do {
            for i in 0..<rows {
              let x = y[2 * i] - center
              let yy = y[2 * i + 1] - center
              let r2 = x * x + yy * yy
              let bx = Int(boxes[2 * i]) * p
              let by = Int(boxes[2 * i + 1]) * p
              let w = 2 * p * i
              for b in 0..<p {
                let wy = weights[w + p + b]
                let row = (by + b) * size + bx
                for a in 0..<p {
                  let ww = weights[w + a] * wy
                  aRe[row + a] += ww
                  aIm[row + a] += ww * x
                  bRe[row + a] += ww * yy
                  bIm[row + a] += ww * r2
                }
              }
            }
          }
        }
      }
    }

    // 3. Kernel on the zero-padded circulant grid (its spectrum is kept while the grid's
    // geometry is unchanged), then convolve by FFT.
    if kernelKey.size != size || kernelKey.nodes != nodes || kernelKey.spacing != spacing {
      kernelKey = (size, nodes, spacing)
      do {
        let rowBlocks = Parallel.blockCount(count: size, minimumSize: 16)
        Parallel.forEach(blocks: rowBlocks, threads: threads) { b in
          for r in Parallel.range(block: b, blocks: rowBlocks, count: size) {
            let ly = r < nodes ? r : (r > size - nodes ? r - size : Int.max)
            for c in 0..<size {
              let lx = c < nodes ? c : (c > size - nodes ? c - size : Int.max)
              var value = 0.0
              if ly != Int.max && lx != Int.max {
                let dx = Double(lx) * spacing
                let dy = Double(ly) * spacing
                let q = 1 / (1 + dx * dx + dy * dy)
                value = q * q
              }
              kRe[r * size + c] = value
              kIm[r * size + c] = 0
            }
          }
        }
        fft!.forward(re: kRe, im: kIm, nonzeroColumns: size)
      }
    }
    let scale = 1 / Double(size * size)
    convolve(re: aRe, im: aIm, kernel: kRe, nodes: nodes, scale: scale)
    convolve(re: bRe, im: bIm, kernel: kRe, nodes: nodes, scale: scale)

    // 4. Interpolate the potentials back to the points; forces and Z.
    var partial = [Double](repeating: 0, count: blocks)
    do {
      do {
        do {
          do {
            do {
              do {
                partial.withUnsafeMutableBufferPointer { partial in
                  Parallel.forEach(blocks: blocks, threads: threads) { blk in
                    var z = 0.0
                    for i in Parallel.range(block: blk, blocks: blocks, count: rows) {
                      let bx = Int(boxes[2 * i]) * p
                      let by = Int(boxes[2 * i + 1]) * p
                      let w = 2 * p * i
                      var phi0 = 0.0
                      var phiX = 0.0
                      var phiY = 0.0
                      var phiR = 0.0
                      for b in 0..<p {
                        let wy = weights[w + p + b]
                        let row = (by + b) * size + bx
                        for a in 0..<p {
                          let ww = weights[w + a] * wy
                          phi0 += ww * aRe[row + a]
                          phiX += ww * aIm[row + a]
                          phiY += ww * bRe[row + a]
                          phiR += ww * bIm[row + a]
                        }
                      }
                      let x = y[2 * i] - center
                      let yy = y[2 * i + 1] - center
                      forces[2 * i] = x * phi0 - phiX
                      forces[2 * i + 1] = yy * phi0 - phiY
                      z += (1 + x * x + yy * yy) * phi0 - 2 * (x * phiX + yy * phiY) + phiR
                    }
                    partial[blk] = z
                  }
                }
              }
            }
          }
        }
      }
    }
    return partial.reduce(0, +) - Double(rows)
  }

  /// Sizes the grids for `size × size` transforms and clears the charge grids.
  private func prepareGrids(size: Int) {
    if fft?.size != size {
      fft = FFT2D(size: size, threads: threads)
      grids.deallocate()
      grids = .allocate(capacity: 6 * size * size)
    }
    grids.baseAddress!.update(repeating: 0, count: 4 * size * size)
  }

  /// Multiplies the spectrum of a charge grid by the (real) kernel spectrum in place.
  private func convolve(
    re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>,
    kernel: UnsafePointer<Double>, nodes: Int, scale: Double
  ) {
    let fft = self.fft!
    fft.forward(re: re, im: im, nonzeroColumns: nodes)
    for e in 0..<(fft.size * fft.size) {
      let f = kernel[e] * scale
      re[e] *= f
      im[e] *= f
    }
    fft.inverse(re: re, im: im, neededColumns: nodes)
  }
}
