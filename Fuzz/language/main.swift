/// libFuzzer target: the lexer, the parser, tab completion and the diagnostic
/// formatter over one arbitrary line (bytes decoded as UTF-8, with repair).
import ActivisLanguage

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLanguage(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let line = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
  let tokens = Lexer.tokens(of: line)
  precondition(!tokens.isEmpty, "the lexer always ends with an end-of-line token")
  let parsed = Parser.parse(line: line)
  for diagnostic in parsed.diagnostics {
    _ = DiagnosticFormatter.format(diagnostic, line: line, file: "fuzz.avq", lineNumber: 1,
                                   useColor: true)
  }
  let utf8Count = line.utf8.count
  for cursor in [0, utf8Count / 2, utf8Count, utf8Count + 3] {
    _ = Completion.context(line: line, cursor: cursor)
  }
  return 0
}
