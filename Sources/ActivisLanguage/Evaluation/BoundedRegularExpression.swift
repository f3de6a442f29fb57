import ActivisCore
import Foundation

/// A regular expression matched one text at a time, with a time limit per
/// text, that stops as soon as Ctrl-C is pressed, even in the middle of a
/// text: a pattern such as `(a+)+$` backtracks for ever on a long text.
///
/// ICU reports progress during a match (`.reportProgress`) about every
/// millisecond; the check runs there.
struct BoundedRegularExpression {
  /// How one match ended.
  enum Outcome: Equatable {
    case matched, notMatched, timedOut, interrupted
  }

  /// Seconds one text may take before the match gives up.
  static let secondsPerText = 2.0

  let expression: NSRegularExpression
  let secondsPerText: Double

  init(_ expression: NSRegularExpression, secondsPerText: Double = Self.secondsPerText) {
    self.expression = expression
    self.secondsPerText = secondsPerText
  }

  /// Whether `text` contains a match, or why the search stopped.
  func firstMatch(in text: String) -> Outcome {
    let start = DispatchTime.now().uptimeNanoseconds
    let limit = UInt64(secondsPerText * 1e9)
    var outcome = Outcome.notMatched
    expression.enumerateMatches(in: text, options: [.reportProgress],
                                range: NSRange(text.startIndex..., in: text)) { match, _, stop in
      if match != nil {
        outcome = .matched
      } else if Interruption.isRequested {
        outcome = .interrupted
      } else if DispatchTime.now().uptimeNanoseconds - start > limit {
        outcome = .timedOut
      } else {
        return
      }
      stop.pointee = true
    }
    return outcome
  }
}
