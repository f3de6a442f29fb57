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
  init(
    rows: Int, interpolationPoints: Int, minimumIntervals: Int, intervalWidth: Double,
    threads: Int
  ) {
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

  /// The interpolation grid laid over the embedding for one evaluation.
  private struct Geometry {
    /// Lower edge of the square (both axes).
    var low: Double
    /// Its centre, the origin of the charges' coordinates.
    var center: Double
    var boxWidth: Double
    var boxCount: Int
    /// Interpolation nodes per axis.
    var nodes: Int
    /// Side of the zero-padded FFT grid.
    var size: Int
    /// Distance between neighbouring nodes.
    var spacing: Double
  }

  /// Writes Σⱼ wᵢⱼ² (yᵢ − yⱼ) into `forces` (`rows × 2`) and returns Z = Σ_{i≠j} wᵢⱼ.
  func compute(
    embedding y: UnsafeBufferPointer<Double>, rows: Int,
    forces: UnsafeMutableBufferPointer<Double>
  ) -> Double {
    let g = geometry(of: y)
    prepareGrids(size: g.size)
    let cells = g.size * g.size
    let grids = self.grids.baseAddress!
    locate(y, rows: rows, g)
    spread(y, rows: rows, g, grids)
    updateKernel(g, re: grids + 4 * cells, im: grids + 5 * cells)
    let scale = 1 / Double(cells)
    convolve(re: grids, im: grids + cells, kernel: grids + 4 * cells, g.nodes, scale)
    convolve(
      re: grids + 2 * cells, im: grids + 3 * cells, kernel: grids + 4 * cells, g.nodes, scale)
    return gather(y, rows: rows, g, grids, forces) - Double(rows)
  }

  /// Box width: `intervalWidth` once the embedding is wide enough, otherwise the largest width
  /// on a geometric ladder below it that still gives `minimumIntervals` boxes. Widths (and so
  /// the kernel's spectrum) then stay the same across many iterations.
  private func geometry(of y: UnsafeBufferPointer<Double>) -> Geometry {
    var low = Double.infinity
    var high = -Double.infinity
    for v in y {
      low = min(low, v)
      high = max(high, v)
    }
    let span = max(high - low, 1e-6)
    var boxWidth = intervalWidth
    while boxWidth * Double(minimumIntervals) > span * 1.09 { boxWidth /= 1.09 }
    let boxCount = FFTPlan.smoothSize(atLeast: Int((span / boxWidth).rounded(.up)) + 1)
    let nodes = boxCount * points
    low -= (Double(boxCount) * boxWidth - span) / 2
    return Geometry(
      low: low, center: low + Double(boxCount) * boxWidth / 2, boxWidth: boxWidth,
      boxCount: boxCount, nodes: nodes,
      size: FFTPlan.smoothSize(atLeast: 2 * nodes, multipleOf: 8),
      spacing: boxWidth / Double(points))
  }

  /// The box of every point and its Lagrange weights on the box's nodes.
  private func locate(_ y: UnsafeBufferPointer<Double>, rows: Int, _ g: Geometry) {
    let p = points
    let boxes = self.boxes
    let weights = self.weights
    let blocks = Parallel.blockCount(count: rows, minimumSize: 512)
    nodePositions.withUnsafeBufferPointer { t in
      denominators.withUnsafeBufferPointer { den in
        Parallel.forEach(blocks: blocks, threads: threads) { b in
          for i in Parallel.range(block: b, blocks: blocks, count: rows) {
            for d in 0..<2 {
              let u = (y[2 * i + d] - g.low) / g.boxWidth
              let box = min(Int(u), g.boxCount - 1)
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

  /// Spreads the four charges onto the grids: the first complex grid holds 1 + i·x, the
  /// second y + i·(x² + y²). Serial, so sums never depend on scheduling.
  private func spread(
    _ y: UnsafeBufferPointer<Double>, rows: Int, _ g: Geometry,
    _ grids: UnsafeMutablePointer<Double>
  ) {
    let p = points
    let cells = g.size * g.size
    let aRe = grids
    let aIm = grids + cells
    let bRe = grids + 2 * cells
    let bIm = grids + 3 * cells
    for i in 0..<rows {
      let x = y[2 * i] - g.center
      let yy = y[2 * i + 1] - g.center
      let r2 = x * x + yy * yy
      let bx = Int(boxes[2 * i]) * p
      let by = Int(boxes[2 * i + 1]) * p
      let w = 2 * p * i
      for b in 0..<p {
        let wy = weights[w + p + b]
        let row = (by + b) * g.size + bx
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

  /// The kernel 1 / (1 + d²)² on the zero-padded circulant grid, transformed; kept while the
  /// grid's geometry is unchanged.
  private func updateKernel(
    _ g: Geometry, re: UnsafeMutablePointer<Double>, im: UnsafeMutablePointer<Double>
  ) {
    if kernelKey.size == g.size && kernelKey.nodes == g.nodes && kernelKey.spacing == g.spacing {
      return
    }
    kernelKey = (g.size, g.nodes, g.spacing)
    let size = g.size
    let nodes = g.nodes
    let blocks = Parallel.blockCount(count: size, minimumSize: 16)
    Parallel.forEach(blocks: blocks, threads: threads) { b in
      for r in Parallel.range(block: b, blocks: blocks, count: size) {
        let ly = r < nodes ? r : (r > size - nodes ? r - size : Int.max)
        for c in 0..<size {
          let lx = c < nodes ? c : (c > size - nodes ? c - size : Int.max)
          var value = 0.0
          if ly != Int.max && lx != Int.max {
            let dx = Double(lx) * g.spacing
            let dy = Double(ly) * g.spacing
            let q = 1 / (1 + dx * dx + dy * dy)
            value = q * q
          }
          re[r * size + c] = value
          im[r * size + c] = 0
        }
      }
    }
    fft!.forward(re: re, im: im, nonzeroColumns: size)
  }

  /// Interpolates the potentials back to the points, writes the forces and returns
  /// Σᵢ Σⱼ wᵢⱼ (self-pairs included).
  private func gather(
    _ y: UnsafeBufferPointer<Double>, rows: Int, _ g: Geometry,
    _ grids: UnsafeMutablePointer<Double>, _ forces: UnsafeMutableBufferPointer<Double>
  ) -> Double {
    let p = points
    let size = g.size
    let cells = size * size
    let aRe = grids
    let aIm = grids + cells
    let bRe = grids + 2 * cells
    let bIm = grids + 3 * cells
    let boxes = self.boxes
    let weights = self.weights
    let blocks = Parallel.blockCount(count: rows, minimumSize: 512)
    return Parallel.sum(blocks: blocks, threads: threads) { blk in
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
        let x = y[2 * i] - g.center
        let yy = y[2 * i + 1] - g.center
        forces[2 * i] = x * phi0 - phiX
        forces[2 * i + 1] = yy * phi0 - phiY
        z += (1 + x * x + yy * yy) * phi0 - 2 * (x * phiX + yy * phiY) + phiR
      }
      return z
    }
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
    kernel: UnsafePointer<Double>, _ nodes: Int, _ scale: Double
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
