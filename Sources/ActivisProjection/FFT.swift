import Foundation

/// A mixed-radix (2, 3, 4, 5) complex FFT of one fixed length, in split real/imaginary form,
/// applied to four independent signals at once (one per SIMD lane).
///
/// Stockham autosort formulation: every stage reads one buffer and writes the other, so no
/// bit reversal is needed. The forward transform uses e^{-2πi jk/n}; `inverse` uses the
/// conjugate and does not scale.
struct FFTPlan {
  /// The element type: four lanes, one per signal.
  typealias V = SIMD4<Double>

  /// The transform length.
  let length: Int
  private let radices: [Int]
  /// Per stage, the twiddles ω^{r·(j mod s)} for r < radix, j mod s < s, stored [k][r].
  private let twiddleRe: [[Double]]
  private let twiddleIm: [[Double]]

  /// Whether `n` factors into 2, 3 and 5 only.
  static func isSupported(_ n: Int) -> Bool {
    guard n >= 1 else { return false }
    var m = n
    for p in [2, 3, 5] { while m % p == 0 { m /= p } }
    return m == 1
  }

  /// The smallest 5-smooth multiple of `multiple` at or above `n`.
  static func smoothSize(atLeast n: Int, multipleOf multiple: Int = 1) -> Int {
    var m = max(n, 1)
    while !isSupported(m) || m % multiple != 0 { m += 1 }
    return m
  }

  /// Makes a plan; `length` must satisfy `isSupported`.
  init(length: Int) {
    precondition(Self.isSupported(length), "FFT length \(length) is not 5-smooth")
    self.length = length
    var radices: [Int] = []
    var m = length
    for radix in [4, 2, 3, 5] {
      while m % radix == 0 {
        radices.append(radix)
        m /= radix
      }
    }
    self.radices = radices
    var re: [[Double]] = []
    var im: [[Double]] = []
    var span = 1
    for r in radices {
      var stageRe = [Double](repeating: 0, count: span * r)
      var stageIm = [Double](repeating: 0, count: span * r)
      for k in 0..<span {
        for q in 0..<r {
          let angle = -2 * Double.pi * Double(q * k) / Double(span * r)
          stageRe[k * r + q] = cos(angle)
          stageIm[k * r + q] = sin(angle)
        }
      }
      re.append(stageRe)
      im.append(stageIm)
      span *= r
    }
    twiddleRe = re
    twiddleIm = im
  }

  /// Transforms the four signals in `re`/`im` in place, using `scratchRe`/`scratchIm`
  /// (each `length` long).
  func transform(
    re: UnsafeMutablePointer<V>, im: UnsafeMutablePointer<V>,
    scratchRe: UnsafeMutablePointer<V>, scratchIm: UnsafeMutablePointer<V>,
    inverse: Bool
  ) {
    let n = length
    if n == 1 { return }
    if inverse { for i in 0..<n { im[i] = -im[i] } }
    var srcRe = re
    var srcIm = im
    var dstRe = scratchRe
    var dstIm = scratchIm
    var span = 1
    for (stage, r) in radices.enumerated() {
      twiddleRe[stage].withUnsafeBufferPointer { twRe in
        twiddleIm[stage].withUnsafeBufferPointer { twIm in
          Self.pass(
            radix: r, n: n, span: span, srcRe, srcIm, dstRe, dstIm,
            twRe.baseAddress!, twIm.baseAddress!)
        }
      }
      swap(&srcRe, &dstRe)
      swap(&srcIm, &dstIm)
      span *= r
    }
    if srcRe != re {
      re.update(from: srcRe, count: n)
      im.update(from: srcIm, count: n)
    }
    if inverse { for i in 0..<n { im[i] = -im[i] } }
  }

  /// Element `e` of the input, multiplied by twiddle `t` when `rotate` is set.
  @inline(__always)
  private static func load(
    _ xr: UnsafeMutablePointer<V>, _ xi: UnsafeMutablePointer<V>, _ e: Int,
    _ twr: UnsafePointer<Double>, _ twi: UnsafePointer<Double>, _ t: Int, _ rotate: Bool
  ) -> (V, V) {
    let r = xr[e]
    let i = xi[e]
    if !rotate { return (r, i) }
    return (r * twr[t] - i * twi[t], r * twi[t] + i * twr[t])
  }

  /// One Stockham pass of radix `radix`.
  @inline(__always)
  private static func pass(
    radix: Int, n: Int, span: Int,
    _ xr: UnsafeMutablePointer<V>, _ xi: UnsafeMutablePointer<V>,
    _ yr: UnsafeMutablePointer<V>, _ yi: UnsafeMutablePointer<V>,
    _ twr: UnsafePointer<Double>, _ twi: UnsafePointer<Double>
  ) {
    let stride = n / radix
    let groups = stride / span
    switch radix {
    case 2:
      for g in 0..<groups {
        for k in 0..<span {
          let j = g * span + k
          let ar = xr[j]
          let ai = xi[j]
          let wr = twr[k * 2 + 1]
          let wi = twi[k * 2 + 1]
          let br0 = xr[j + stride]
          let bi0 = xi[j + stride]
          let br = br0 * wr - bi0 * wi
          let bi = br0 * wi + bi0 * wr
          let o = g * span * 2 + k
          yr[o] = ar + br
          yi[o] = ai + bi
          yr[o + span] = ar - br
          yi[o + span] = ai - bi
        }
      }
    case 4:
      for g in 0..<groups {
        for k in 0..<span {
          let j = g * span + k
          let t = k * 4
          let a0r = xr[j]
          let a0i = xi[j]
          let (a1r, a1i) = load(xr, xi, j + stride, twr, twi, t + 1, span > 1)
          let (a2r, a2i) = load(xr, xi, j + 2 * stride, twr, twi, t + 2, span > 1)
          let (a3r, a3i) = load(xr, xi, j + 3 * stride, twr, twi, t + 3, span > 1)
          let s02r = a0r + a2r
          let s02i = a0i + a2i
          let d02r = a0r - a2r
          let d02i = a0i - a2i
          let s13r = a1r + a3r
          let s13i = a1i + a3i
          let d13r = a1r - a3r
          let d13i = a1i - a3i
          let o = g * span * 4 + k
          yr[o] = s02r + s13r
          yi[o] = s02i + s13i
          // X1 = d02 - i·d13, X3 = d02 + i·d13 (forward sign)
          yr[o + span] = d02r + d13i
          yi[o + span] = d02i - d13r
          yr[o + 2 * span] = s02r - s13r
          yi[o + 2 * span] = s02i - s13i
          yr[o + 3 * span] = d02r - d13i
          yi[o + 3 * span] = d02i + d13r
        }
      }
    case 3:
      let s3 = 0.866_025_403_784_438_6
      for g in 0..<groups {
        for k in 0..<span {
          let j = g * span + k
          let t = k * 3
          let a0r = xr[j]
          let a0i = xi[j]
          let (a1r, a1i) = load(xr, xi, j + stride, twr, twi, t + 1, span > 1)
          let (a2r, a2i) = load(xr, xi, j + 2 * stride, twr, twi, t + 2, span > 1)
          let sr = a1r + a2r
          let si = a1i + a2i
          let dr = a1r - a2r
          let di = a1i - a2i
          let mr = a0r - 0.5 * sr
          let mi = a0i - 0.5 * si
          let o = g * span * 3 + k
          yr[o] = a0r + sr
          yi[o] = a0i + si
          yr[o + span] = mr + s3 * di
          yi[o + span] = mi - s3 * dr
          yr[o + 2 * span] = mr - s3 * di
          yi[o + 2 * span] = mi + s3 * dr
        }
      }
    case 5:
      let c1 = 0.309_016_994_374_947_45
      let c2 = -0.809_016_994_374_947_5
      let s1 = 0.951_056_516_295_153_5
      let s2 = 0.587_785_252_292_473_1
      for g in 0..<groups {
        for k in 0..<span {
          let j = g * span + k
          let t = k * 5
          let a0r = xr[j]
          let a0i = xi[j]
          let (a1r, a1i) = load(xr, xi, j + stride, twr, twi, t + 1, span > 1)
          let (a2r, a2i) = load(xr, xi, j + 2 * stride, twr, twi, t + 2, span > 1)
          let (a3r, a3i) = load(xr, xi, j + 3 * stride, twr, twi, t + 3, span > 1)
          let (a4r, a4i) = load(xr, xi, j + 4 * stride, twr, twi, t + 4, span > 1)
          let b1r = a1r + a4r
          let b1i = a1i + a4i
          let b2r = a2r + a3r
          let b2i = a2i + a3i
          let d1r = a1r - a4r
          let d1i = a1i - a4i
          let d2r = a2r - a3r
          let d2i = a2i - a3i
          let p1r = a0r + c1 * b1r + c2 * b2r
          let p1i = a0i + c1 * b1i + c2 * b2i
          let p2r = a0r + c2 * b1r + c1 * b2r
          let p2i = a0i + c2 * b1i + c1 * b2i
          let u1r = s1 * d1r + s2 * d2r
          let u1i = s1 * d1i + s2 * d2i
          let u2r = s2 * d1r - s1 * d2r
          let u2i = s2 * d1i - s1 * d2i
          let o = g * span * 5 + k
          yr[o] = a0r + b1r + b2r
          yi[o] = a0i + b1i + b2i
          yr[o + span] = p1r + u1i
          yi[o + span] = p1i - u1r
          yr[o + 4 * span] = p1r - u1i
          yi[o + 4 * span] = p1i + u1r
          yr[o + 2 * span] = p2r + u2i
          yi[o + 2 * span] = p2i - u2r
          yr[o + 3 * span] = p2r - u2i
          yi[o + 3 * span] = p2i + u2r
        }
      }
    default:
      preconditionFailure("unsupported radix \(radix)")
    }
  }
}
