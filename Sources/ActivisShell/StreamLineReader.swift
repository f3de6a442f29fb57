import Glibc

/// Reads lines from a file descriptor: a script file or piped standard input.
///
/// Lines end at `\n`; a `\r` before it is dropped, bytes that are not UTF-8
/// become U+FFFD, a UTF-8 byte-order mark at the start is skipped, and a last
/// line without a newline is still returned. When `promptOutput` is set (a
/// forced interactive session on a pipe) the prompt is written there.
package final class StreamLineReader: LineReader {
  private let descriptor: Int32
  private let closesDescriptor: Bool
  private let promptOutput: UnsafeMutablePointer<FILE>?
  private var buffer: [UInt8] = []
  /// Where the unread bytes start, and how far a newline was looked for.
  private var start = 0
  private var scanned = 0
  private var atEnd = false
  private var isFirstLine = true

  /// Reads from `descriptor`, closing it when done if `closes`.
  package init(descriptor: Int32, closes: Bool = false,
              promptOutput: UnsafeMutablePointer<FILE>? = nil) {
    self.descriptor = descriptor
    self.closesDescriptor = closes
    self.promptOutput = promptOutput
  }

  /// Opens the script at `path` for reading.
  /// - Throws: `ScriptOpenError` if it is missing, unreadable or a directory.
  package convenience init(path: String) throws {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ScriptOpenError(path: path, errorNumber: errno) }
    var status = stat()
    if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
      close(descriptor)
      throw ScriptOpenError(path: path, errorNumber: EISDIR)
    }
    self.init(descriptor: descriptor, closes: true)
  }

  deinit {
    if closesDescriptor { close(descriptor) }
  }

  /// The next line, or `nil` at the end of the input or on a read error.
  package func readLine(prompt: String) -> String? {
    if let promptOutput {
      fputs(prompt, promptOutput)
      fflush(promptOutput)
    }
    while true {
      if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
        let line = take(upTo: newline, dropping: 1)
        return line
      }
      scanned = buffer.count
      if atEnd {
        if start == buffer.count {
          if let promptOutput { fputs("\n", promptOutput) }
          return nil
        }
        return take(upTo: buffer.count, dropping: 0)
      }
      fill()
    }
  }

  /// Removes the bytes before `end` (and `dropping` more) and decodes them.
  private func take(upTo end: Int, dropping: Int) -> String {
    var bytes = buffer[start..<end]
    if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
    if isFirstLine && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    isFirstLine = false
    let line = String(decoding: bytes, as: UTF8.self)
    start = end + dropping
    scanned = start
    return line
  }

  /// Appends the next block of input, or marks the end.
  private func fill() {
    buffer.removeSubrange(..<start)
    scanned -= start
    start = 0
    var block = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        buffer.append(contentsOf: block[..<count])
        return
      }
      if count < 0 && errno == EINTR { continue }
      atEnd = true
      return
    }
  }
}
