import Glibc

/// The persistent command history: a plain UTF-8 file, one command per line.
///
/// Each accepted line is appended the moment it is entered, so nothing is lost
/// if the shell is killed. A line equal to the previous one is not recorded.
/// The file is cut back to the newest `limit` lines when it is loaded and
/// whenever it has grown a tenth past the limit.
package final class HistoryFile {
  /// The default number of lines kept.
  package static let defaultLimit = 10_000

  /// Where the history is kept.
  package let path: String
  /// How many lines are kept.
  package let limit: Int
  /// The most recent entry, loaded or recorded.
  package private(set) var lastEntry: String?
  /// Lines in the file now (as far as this process knows).
  private var count = 0

  /// A history kept in `path`, capped at `limit` lines (at least 1).
  package init(path: String, limit: Int = HistoryFile.defaultLimit) {
    self.path = path
    self.limit = max(1, limit)
  }

  /// `$ACTIVIS_HISTORY` if set (empty means no history), else
  /// `~/.activis_history`; `nil` when neither is available.
  package static func defaultPath(environment: [String: String]) -> String? {
    if let path = environment["ACTIVIS_HISTORY"] { return path.isEmpty ? nil : path }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home.hasSuffix("/") ? home + ".activis_history" : home + "/.activis_history"
  }

  /// The newest `limit` entries, oldest first; empty if the file is missing.
  /// Cuts the file back when it holds more than `limit` lines.
  package func load() -> [String] {
    guard let bytes = Self.readAll(path) else { return [] }
    var entries = bytes.split(separator: UInt8(ascii: "\n")).map { line in
      String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
    }
    entries.removeAll { $0.isEmpty }
    if entries.count > limit {
      entries.removeFirst(entries.count - limit)
      rewrite(entries)
    }
    count = entries.count
    lastEntry = entries.last
    return entries
  }

  /// Appends `line` unless it is empty, contains a newline, or repeats the
  /// previous entry. Returns whether it was recorded.
  @discardableResult
  package func record(_ line: String) -> Bool {
    guard !line.isEmpty, !line.contains("\n"), line != lastEntry else { return false }
    lastEntry = line
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return true }
    Self.writeAll(descriptor, Array((line + "\n").utf8))
    close(descriptor)
    count += 1
    if count > limit + max(1, limit / 10) {
      _ = load()
    }
    return true
  }

  /// Replaces the file with `entries` (through a temporary file and a rename).
  private func rewrite(_ entries: [String]) {
    let temporary = path + ".tmp\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return }
    Self.writeAll(descriptor, Array(entries.map { $0 + "\n" }.joined().utf8))
    close(descriptor)
    if rename(temporary, path) != 0 { unlink(temporary) }
  }

  /// The whole file, or `nil` if it cannot be opened.
  private static func readAll(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var block = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return bytes }
      bytes.append(contentsOf: block[..<count])
    }
  }

  /// Writes all of `bytes`, retrying after interruptions.
  private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return }
      offset += written
    }
  }
}
