import Foundation

/// One line of progress on standard error, rewritten in place (`\r`, erase
/// line) and erased when the work ends, so that results and error messages
/// start on a clean line.
final class ProgressLine: @unchecked Sendable {
  private var visible = false

  /// Shows `line`, or erases the line when nil.
  func show(_ line: String?) {
    guard line != nil || visible else { return }
    fputs("\r\u{1B}[K" + (line ?? ""), stderr)
    fflush(stderr)
    visible = line != nil
  }
}
