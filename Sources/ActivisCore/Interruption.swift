import Synchronization

/// The user asked to stop the running command (Ctrl-C).
///
/// The shell's SIGINT handler calls `request()`; long loops poll
/// `isRequested` between blocks and throw `Interrupted`. Setting the flag is
/// a single lock-free store, safe in a signal handler.
public enum Interruption {
  private static let flag = Atomic<Bool>(false)

  /// Marks the running command as interrupted.
  public static func request() { flag.store(true, ordering: .relaxed) }

  /// Whether an interruption was requested since the last `reset()`.
  public static var isRequested: Bool { flag.load(ordering: .relaxed) }

  /// Clears the request; the shell calls this before each command.
  public static func reset() { flag.store(false, ordering: .relaxed) }

  /// Throws `Interrupted` if an interruption was requested.
  public static func check() throws {
    if isRequested { throw Interrupted() }
  }
}

/// A command stopped because the user pressed Ctrl-C.
public struct Interrupted: Error, Equatable, Sendable, CustomStringConvertible {
  public init() {}
  public var description: String { "interrupted" }
}
