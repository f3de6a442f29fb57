import Dispatch

/// Paces the progress reports of a long pass: none in its first half second
/// (a quick pass stays silent), then at most four a second, each with the
/// fraction done and an estimate of the seconds left.
///
/// Not thread-safe: one thread of the pass reports.
final class ProgressPacer: @unchecked Sendable {
  private let report: (_ fractionDone: Double, _ secondsLeft: Double) -> Void
  private let clock: () -> Double
  private let started: Double
  private var lastReport = 0.0

  /// - Parameter clock: seconds from any fixed origin (tests pass their own).
  init(_ report: @escaping (_ fractionDone: Double, _ secondsLeft: Double) -> Void,
       clock: @escaping () -> Double = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }) {
    self.report = report
    self.clock = clock
    self.started = clock()
  }

  /// Reports `fractionDone` (0 to 1) if it is time to.
  func update(_ fractionDone: Double) {
    let elapsed = clock() - started
    guard elapsed >= 0.5, elapsed - lastReport >= 0.25, fractionDone > 0 else { return }
    lastReport = elapsed
    report(Swift.min(1, fractionDone), elapsed / fractionDone * Swift.max(0, 1 - fractionDone))
  }
}
