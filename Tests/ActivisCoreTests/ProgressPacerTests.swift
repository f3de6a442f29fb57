@testable import ActivisCore
import Testing

/// Progress of a long pass: silent for half a second, then at most four
/// reports a second, each with an estimate of the time left.
@Suite struct ProgressPacerTests {
  final class Clock: @unchecked Sendable {
    var now = 100.0
  }

  @Test func quietAtFirstThenPaced() {
    let clock = Clock()
    var reports: [(done: Double, left: Double)] = []
    let pacer = ProgressPacer({ reports.append(($0, $1)) }, clock: { clock.now })
    for (time, done) in [(100.2, 0.1), (100.6, 0.3), (100.7, 0.35), (100.9, 0.45), (102.0, 1.2)] {
      clock.now = time
      pacer.update(done)
    }
    #expect(reports.count == 3, "\(reports)")
    // At 0.6 s with 30% done: 0.6 / 0.3 × 0.7 = 1.4 s left.
    #expect(abs(reports[0].done - 0.3) < 1e-12 && abs(reports[0].left - 1.4) < 1e-9)
    #expect(abs(reports[1].done - 0.45) < 1e-12)
    #expect(reports[2].done == 1 && reports[2].left == 0, "a fraction past 1 is shown as done")
  }
}
