import Foundation

/// The error each thread of a parallel loop stopped on, if any; the first by
/// thread number is the one to report, when threads take ascending shares.
final class ThreadErrors: @unchecked Sendable {
  private var errors: [(any Error)?]
  private let lock = NSLock()

  init(count: Int) { errors = Array(repeating: nil, count: count) }

  func record(_ error: any Error, thread: Int) {
    lock.lock()
    defer { lock.unlock() }
    errors[thread] = error
  }

  /// The error of the lowest-numbered thread that recorded one.
  var first: (any Error)? {
    lock.lock()
    defer { lock.unlock() }
    return errors.lazy.compactMap { $0 }.first
  }
}
