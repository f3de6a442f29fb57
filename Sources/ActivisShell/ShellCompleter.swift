/// Tab completion for the shell: the engine's candidates (commands, layers,
/// classes, subsets…) merged with file names where a path is expected.
public struct ShellCompleter {
  private let engine: ShellEngine
  private let files: FileNameCompleter

  /// Completes with `engine`, adding file names from `files`.
  public init(engine: ShellEngine, files: FileNameCompleter) {
    self.engine = engine
    self.files = files
  }

  /// Candidates for the word under `cursor` (a UTF-8 offset in `line`).
  public func complete(line: String, cursor: Int) -> Completions {
    let fromEngine = engine.completions(line: line, cursor: cursor)
    guard let fromFiles = files.complete(line: line, cursor: cursor) else { return fromEngine }
    return Self.merge(fromEngine, fromFiles, line: line)
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
