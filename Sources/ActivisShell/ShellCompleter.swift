/// Tab completion for the shell: the engine's candidates (commands, layers,
/// classes, subsets…) merged with file names where a path is expected.
package struct ShellCompleter {
  private let engine: ShellEngine
  private let files: FileNameCompleter

  /// Completes with `engine`, adding file names from `files`.
  package init(engine: ShellEngine, files: FileNameCompleter) {
    self.engine = engine
    self.files = files
  }

  /// Candidates for the word under `cursor` (a UTF-8 offset in `line`).
  package func complete(line: String, cursor: Int) -> Completions {
    let fromEngine = Self.narrowed(engine.completions(line: line, cursor: cursor),
                                   line: line, cursor: cursor)
    guard let fromFiles = files.complete(line: line, cursor: cursor) else { return fromEngine }
    return Self.merge(fromEngine, fromFiles, line: line)
  }

  /// The candidates that start with the typed part of the word (ignoring
  /// case, as keywords do); all of them if none does, so that an engine that
  /// suggests corrections keeps its say.
  static func narrowed(_ completions: Completions, line: String, cursor: Int) -> Completions {
    let bytes = Array(line.utf8)
    let end = min(max(cursor, 0), bytes.count)
    let start = min(max(completions.wordStart, 0), end)
    let typed = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    let matching = completions.candidates.filter { $0.lowercased().hasPrefix(typed) }
    if matching.isEmpty { return completions }
    return Completions(wordStart: completions.wordStart, candidates: matching)
  }

  /// Both sets of candidates over the earlier word start (the text between
  /// the two starts is put in front of the later set), without duplicates.
  static func merge(_ first: Completions, _ second: Completions, line: String) -> Completions {
    if first.candidates.isEmpty { return second }
    if second.candidates.isEmpty { return first }
    let bytes = Array(line.utf8)
    let start = min(first.wordStart, second.wordStart)
    func rebased(_ completions: Completions) -> [String] {
      let end = min(completions.wordStart, bytes.count)
      let gap = start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
      return completions.candidates.map { gap + $0 }
    }
    let all = Set(rebased(first) + rebased(second))
    return Completions(wordStart: start, candidates: all.sorted())
  }
}
