import ActivisCore
import Foundation
import Testing

/// Times `ActivationBundle.open` on a large bundle named by the environment
/// variable `ACTIVIS_BENCH_BUNDLE`; skipped when it is not set.
@Suite struct LoadBenchmarkTests {
  static let bundlePath = ProcessInfo.processInfo.environment["ACTIVIS_BENCH_BUNDLE"]

  @Test(.enabled(if: bundlePath != nil)) func openLargeBundle() throws {
    let path = try #require(Self.bundlePath)
    var best = Double.infinity
    for _ in 0 ..< 3 {
      let start = ContinuousClock.now
      let bundle = try ActivationBundle.open(path)
      let elapsed = ContinuousClock.now - start
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      best = min(best, seconds)
      print("opened \(bundle.instances.count) instances in \(seconds) s")
    }
    print("best: \(best) s")
  }
}
