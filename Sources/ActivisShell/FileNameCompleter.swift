import Glibc

/// Completes file names where the language expects a path (as the command
/// declarations say: `load`, `save`, `export <format>`, `diff`, `subset … from`).
///
/// A typed `"` is kept and the name continued inside the string; a name that
/// needs quoting (spaces, `;`, quotes) is offered quoted. Directories end in
/// `/` and leave the string open; a file closes it.
package struct FileNameCompleter {
  /// Lists a directory: the names in it, and whether each is a directory.
  package typealias DirectoryLister = (String) -> [(name: String, isDirectory: Bool)]

  private let list: DirectoryLister
  private let home: String?

  /// A completer reading the real file system; `~/` expands to `home`.
  package init(home: String?) {
    self.init(home: home, list: FileNameCompleter.listDirectory)
  }

  /// A completer with its own directory listing, for tests.
  package init(home: String?, list: @escaping DirectoryLister) {
    self.home = home
    self.list = list
  }

  /// Completions for the path under the cursor (a UTF-8 offset in `line`),
  /// or `nil` when the cursor is not on a path argument.
  package func complete(line: String, cursor: Int) -> Completions? {
    let bytes = Array(line.utf8.prefix(cursor))
    guard let word = PathContext.pathWord(in: bytes) else { return nil }
    let typed = String(decoding: bytes[word.start...], as: UTF8.self)
    let isQuoted = typed.hasPrefix("\"")
    let prefix = isQuoted ? Self.unescape(String(typed.dropFirst())) : typed
    let directoryPart: String
    let namePart: String
    if let slash = prefix.lastIndex(of: "/") {
      directoryPart = String(prefix[...slash])
      namePart = String(prefix[prefix.index(after: slash)...])
    } else {
      directoryPart = ""
      namePart = prefix
    }
    let candidates = list(expand(directoryPart))
      .filter { $0.name.hasPrefix(namePart) }
      .filter { !$0.name.hasPrefix(".") || namePart.hasPrefix(".") }
      .map { entry -> String in
        let path = directoryPart + entry.name + (entry.isDirectory ? "/" : "")
        guard isQuoted || !CommandQuoting.isBarePath(path) else { return path }
        let literal = CommandQuoting.quoted(path)
        return entry.isDirectory ? String(literal.dropLast()) : literal
      }
    return Completions(wordStart: word.start, candidates: candidates.sorted())
  }

  /// `~` and `~/…` with the home directory; `""` is the current directory.
  private func expand(_ directory: String) -> String {
    if directory.isEmpty { return "." }
    if let home, directory == "~" || directory.hasPrefix("~/") {
      return home + directory.dropFirst()
    }
    return directory
  }

  /// Undoes `\"` and `\\` in a partly typed string.
  static func unescape(_ text: String) -> String {
    var result = ""
    var escaping = false
    for character in text {
      if !escaping && character == "\\" {
        escaping = true
        continue
      }
      escaping = false
      result.append(character)
    }
    return result
  }

  /// The entries of `directory` other than `.` and `..`; empty if unreadable.
  static func listDirectory(_ directory: String) -> [(name: String, isDirectory: Bool)] {
    guard let handle = opendir(directory) else { return [] }
    defer { closedir(handle) }
    var entries: [(name: String, isDirectory: Bool)] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
      if entry.pointee.d_type == UInt8(DT_LNK) || entry.pointee.d_type == UInt8(DT_UNKNOWN) {
        var status = stat()
        let full = directory.hasSuffix("/") ? directory + name : directory + "/" + name
        isDirectory = stat(full, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
      }
      entries.append((name, isDirectory))
    }
    return entries
  }
}
