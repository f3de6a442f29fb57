import Testing
@testable import ActivisLanguage

@Suite struct LexerTests {
  /// A token as `kind:text`, for tables.
  static func describe(_ token: Token) -> String {
    switch token.kind {
    case .word: return "word:\(token.text)"
    case .number(let value): return "number:\(token.text)=\(value)"
    case .string(let value): return "string:\(value)"
    case .instance(let id): return "instance:\(id)"
    case .path(let path): return "path:\(path)"
    case .comparison(let op): return "op:\(op.rawValue)"
    case .leftParenthesis: return "("
    case .rightParenthesis: return ")"
    case .range: return ".."
    case .semicolon: return ";"
    case .invalid(let message): return "invalid:\(message)"
    case .endOfLine: return "eol"
    }
  }

  static func lex(_ line: String) -> [String] {
    Lexer.tokens(of: line).dropLast().map(describe)
  }

  static let cases: [(String, [String])] = [
    ("", []),
    ("  \t ", []),
    ("matrix", ["word:matrix"]),
    ("MaTrIx LOC", ["word:MaTrIx", "word:LOC"]),
    ("trec-cnn encoder/conv3:0 fc.out _x", ["word:trec-cnn", "word:encoder/conv3:0",
                                             "word:fc.out", "word:_x"]),
    ("Qué über 名前", ["word:Qué", "word:über", "word:名前"]),
    ("17 -3 0.5 -0.25 1e3 2.5E-2 -.5 .5", ["number:17=17.0", "number:-3=-3.0",
                                            "number:0.5=0.5", "number:-0.25=-0.25",
                                            "number:1e3=1000.0", "number:2.5E-2=0.025",
                                            "number:-.5=-0.5", "number:.5=0.5"]),
    ("3x3 1e 2e5x", ["word:3x3", "word:1e", "word:2e5x"]),
    ("10..50", ["number:10=10.0", "..", "number:50=50.0"]),
    ("10 .. 50", ["number:10=10.0", "..", "number:50=50.0"]),
    ("#38 #0", ["instance:38", "instance:0"]),
    ("#9223372036854775807", ["instance:9223372036854775807"]),
    ("#9223372036854775808", ["invalid:instance id '#9223372036854775808' is too large"]),
    ("#", ["invalid:expected an instance id like '#38', found '#'"]),
    ("#3a", ["invalid:expected an instance id like '#38', found '#3a'"]),
    ("= == != <> < <= > >=", ["op:=", "op:=", "op:!=", "op:!=", "op:<", "op:<=", "op:>",
                               "op:>="]),
    ("a<=3", ["word:a", "op:<=", "number:3=3.0"]),
    ("x>-1", ["word:x", "op:>", "number:-1=-1.0"]),
    ("(a)", ["(", "word:a", ")"]),
    ("a;b", ["word:a", ";", "word:b"]),
    (#""What is""#, ["string:What is"]),
    (#""say \"hi\"""#, [#"string:say "hi""#]),
    (#""a\\b""#, [#"string:a\b"#]),
    (#""\d+\s""#, [#"string:\d+\s"#]),
    (#""""#, ["string:"]),
    (#""Qué""#, ["string:Qué"]),
    (#""abc"#, ["invalid:unterminated string literal"]),
    (#""abc\""#, ["invalid:unterminated string literal"]),
    ("info -- a comment; matrix", ["word:info"]),
    ("info--x", ["word:info"]),
    ("a-b--c", ["word:a-b"]),
    ("#!/usr/bin/env activis", []),
    (" #!x", ["invalid:expected an instance id like '#38', found '#'",
              "invalid:unexpected character '!'", "word:x"]),
    ("'x'", ["invalid:unexpected character '''; strings are written in double quotes", "word:x",
             "invalid:unexpected character '''; strings are written in double quotes"]),
    ("a,b", ["word:a", "invalid:unexpected character ','", "word:b"]),
    ("! @", ["invalid:unexpected character '!'", "invalid:unexpected character '@'"]),
    ("1e999", ["invalid:number '1e999' is out of range"]),
  ]

  @Test(arguments: cases)
  func lexes(_ line: String, _ expected: [String]) {
    #expect(Self.lex(line) == expected)
  }

  @Test func rangesAreUTF8Offsets() {
    let tokens = Lexer.tokens(of: "text starts \"Qué\" und")
    #expect(tokens.map(\.range) == [
      SourceRange(0, 4), SourceRange(5, 11), SourceRange(12, 18), SourceRange(19, 22),
      SourceRange(22, 22),
    ])
  }

  @Test func unterminatedStringPointsAtItsQuote() {
    let tokens = Lexer.tokens(of: "a \"bc")
    #expect(tokens[1].range == SourceRange(2, 3))
    #expect(tokens[1].text == "\"bc")
    #expect(tokens[2].kind == .endOfLine)
  }

  @Test func scanPathReadsUpToWhitespaceOrSemicolon() {
    var lexer = Lexer("load ../b/x;info")
    _ = lexer.next()
    #expect(Self.describe(lexer.scanPath()) == "path:../b/x")
    #expect(lexer.next().kind == .semicolon)
    var quoted = Lexer(#""my dir/x" y"#)
    #expect(Self.describe(quoted.scanPath()) == "string:my dir/x")
    var ended = Lexer("  ; x")
    #expect(ended.scanPath().kind == .semicolon)
    var commented = Lexer("  -- x")
    #expect(commented.scanPath().kind == .endOfLine)
  }

  @Test func endOfLineRepeats() {
    var lexer = Lexer("a")
    _ = lexer.next()
    #expect(lexer.next().kind == .endOfLine)
    #expect(lexer.next().kind == .endOfLine)
  }

  @Test func keywordsCompareCaseInsensitively() {
    let token = Lexer.tokens(of: "WHERE")[0]
    #expect(token.isKeyword("where"))
    #expect(!Lexer.tokens(of: "\"where\"")[0].isKeyword("where"))
  }
}
