import Foundation

/// Where text goes: standard output, standard error, or a buffer in tests.
package struct TextSink: Sendable {
  private let writeText: @Sendable (String) -> Void
  private let flushText: @Sendable () -> Void

  package init(write: @escaping @Sendable (String) -> Void, flush: @escaping @Sendable () -> Void = {}) {
    self.writeText = write
    self.flushText = flush
  }

  package func write(_ text: String) { writeText(text) }
  package func flush() { flushText() }

  package static let standardOutput = TextSink(write: { fputs($0, stdout) }, flush: { fflush(stdout) })
  package static let standardError = TextSink(write: { text in
    fflush(stdout)
    fputs(text, stderr)
  })
}
