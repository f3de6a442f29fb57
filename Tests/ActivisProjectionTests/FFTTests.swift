import Foundation
import Testing

@testable import ActivisProjection

@Suite struct FFTTests {
  /// Transforms `re`/`im` in place with `plan`.
  private func run(
    _ plan: FFTPlan, _ re: inout [SIMD4<Double>], _ im: inout [SIMD4<Double>], inverse: Bool
  ) {
    let n = plan.length
    var scratch = [SIMD4<Double>](repeating: .zero, count: 2 * n)
    re.withUnsafeMutableBufferPointer { r in
      im.withUnsafeMutableBufferPointer { i in
        scratch.withUnsafeMutableBufferPointer { s in
          plan.transform(
            re: r.baseAddress!, im: i.baseAddress!, scratchRe: s.baseAddress!,
            scratchIm: s.baseAddress! + n, inverse: inverse)
        }
      }
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 8, 9, 12, 15, 25, 30, 40, 60, 100, 120, 240, 250, 360])
  func matchesDirectDFT(length n: Int) {
    var random = TestRandom(seed: UInt64(n))
    var re = [SIMD4<Double>](repeating: .zero, count: n)
    var im = re
    for i in 0..<n {
      for lane in 0..<4 {
        re[i][lane] = random.gaussian()
        im[i][lane] = random.gaussian()
      }
    }
    let original = (re, im)
    let plan = FFTPlan(length: n)
    run(plan, &re, &im, inverse: false)
    var worst = 0.0
    for lane in 0..<4 {
      for k in 0..<n {
        var sr = 0.0
        var si = 0.0
        for j in 0..<n {
          let angle = -2 * Double.pi * Double(j * k % n) / Double(n)
          sr += original.0[j][lane] * cos(angle) - original.1[j][lane] * sin(angle)
          si += original.0[j][lane] * sin(angle) + original.1[j][lane] * cos(angle)
        }
        worst = max(worst, abs(sr - re[k][lane]), abs(si - im[k][lane]))
      }
    }
    #expect(worst < 1e-9 * Double(n))
    // The inverse (scaled by 1/n) restores the signal.
    run(plan, &re, &im, inverse: true)
    for j in 0..<n {
      let dr = re[j] / Double(n) - original.0[j]
      let di = im[j] / Double(n) - original.1[j]
      #expect((dr * dr + di * di).max() < 1e-18 * Double(n * n))
    }
  }
}
