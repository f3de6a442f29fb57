import Foundation

/// The engine that runs the activis language. (Being written by the lead:
/// until then it echoes each line, so the shell can be exercised.)
public final class LanguageEngine: ShellEngine {
  public init(settings: ShellSettings) {}

  public func run(line: String, origin: LineOrigin) -> LineOutcome {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if trimmed == "quit" || trimmed == "exit" { return .quit }
    if trimmed.hasPrefix("fail") {
      FileHandle.standardError.write(Data("\(origin.file.map { "\($0):" } ?? "")\(origin.line):1: error: failed\n".utf8))
      return .failed
    }
    print(line)
    return .succeeded
  }

  public func completions(line: String, cursor: Int) -> Completions {
    Completions(wordStart: 0, candidates: ["help", "load", "matrix", "quit"])
  }

  public var prompt: String { "activis> " }
}
