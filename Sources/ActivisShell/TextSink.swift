import Foundation

/// Where text goes: standard output, standard error, or a buffer in tests.
public struct TextSink: Sendable {
  private let writeText: @Sendable (String) -> Void
  private let flushText: @Sendable () -> Void

  public init(write: @escaping @Sendable (String) -> Void, flush: @escaping @Sendable () -> Void = {}) {
    self.writeText = write
    self.flushText = flush
  }

  public func write(_ text: String) { writeText(text) }
  public func flush() { flushText() }

  public static let standardOutput = TextSink(write: { fputs($0, stdout) }, flush: { fflush(stdout) })
  public static let standardError = TextSink(write: { text in
    fflush(stdout)
    fputs(text, stderr)
  })
}
