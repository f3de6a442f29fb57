import Testing
@testable import ActivisShell

@Suite struct CompletionTests {
  // MARK: libedit bridge

  @Test func sameWordStartPassesCandidatesThrough() {
    let plan = CompletionBridge.plan(
      line: "mat", wordStart: 0, cursor: 3,
      completions: Completions(wordStart: 0, candidates: ["match", "matrix"]))
    #expect(plan == CompletionBridge.Plan(matches: ["mat", "match", "matrix"],
                                          appendsSpace: false))
  }

  @Test func singleCandidateGetsASpaceUnlessADirectory() {
    let file = CompletionBridge.plan(line: "load a", wordStart: 5, cursor: 6,
                                     completions: Completions(wordStart: 5, candidates: ["a.avq"]))
    #expect(file == CompletionBridge.Plan(matches: ["a.avq", "a.avq"], appendsSpace: true))
    let directory = CompletionBridge.plan(
      line: "load t", wordStart: 5, cursor: 6,
      completions: Completions(wordStart: 5, candidates: ["trec-cnn/"]))
    #expect(directory == CompletionBridge.Plan(matches: ["trec-cnn/", "trec-cnn/"],
                                               appendsSpace: false))
  }

  @Test func earlierEngineWordIsTrimmedToLibeditsWord() {
    // libedit breaks `load "my di` at the space; the engine's word starts at the quote.
    let plan = CompletionBridge.plan(
      line: #"load "my di"#, wordStart: 9, cursor: 11,
      completions: Completions(wordStart: 5, candidates: [#""my dir/"#, #""other/"#]))
    #expect(plan.matches == ["dir/", "dir/"])
  }

  @Test func laterEngineWordIsPrefixedWithTheGap() {
    let plan = CompletionBridge.plan(
      line: "show #3", wordStart: 5, cursor: 7,
      completions: Completions(wordStart: 6, candidates: ["38", "39"]))
    #expect(plan.matches == ["#3", "#38", "#39"])
  }

  @Test func offsetsAreCharactersForLibeditAndBytesForTheEngine() {
    #expect(CompletionBridge.utf8Offset(in: "é ü x", characters: 4) == 6)
    #expect(CompletionBridge.utf8Offset(in: "ab", characters: 10) == 2)
    let plan = CompletionBridge.plan(
      line: "subset café", wordStart: 7, cursor: 11,
      completions: Completions(wordStart: 7, candidates: ["cafés", "caféx"]))
    #expect(plan.matches == ["café", "cafés", "caféx"])
  }

  @Test func commonPrefixNeverSplitsACharacter() {
    #expect(CompletionBridge.commonPrefix(["é1", "è2"]) == "")
    #expect(CompletionBridge.commonPrefix(["abc", "abd", "ab"]) == "ab")
    #expect(CompletionBridge.commonPrefix([]) == "")
  }

  @Test func nothingToOfferIsEmpty() {
    let plan = CompletionBridge.plan(line: "x", wordStart: 0, cursor: 1,
                                     completions: Completions(wordStart: 0, candidates: []))
    #expect(plan == CompletionBridge.Plan(matches: [], appendsSpace: false))
  }

  // MARK: path context

  @Test(arguments: [
    ("load tr", 5), ("LOAD ", 5), (#"load "my di"#, 5), ("info; load x", 11),
    ("export csv out", 11), ("export svg ", 11), ("save s", 5), ("subset from id", 12),
    ("subset mine = from ", 19), (#"subset x = FROM "hits"#, 16), ("diff tr", 5), ("diff ../out/t", 5),
    ("subset c = where changed from tr", 30), ("subset c = where label = NUM and changed from ", 46),
  ])
  func findsPathArguments(line: String, start: Int) {
    #expect(PathContext.pathWord(in: Array(line.utf8))?.start == start)
  }

  @Test(arguments: ["lo", "load a b", "export csv", "export", "info x", "load a; info ", "",
                    "subset from", "subset x = where ", "subset x = from a b", "save a b", "diff a all ",
                    "diff a b", "matrix layers co"])
  func ignoresOtherWords(line: String) {
    #expect(PathContext.pathWord(in: Array(line.utf8)) == nil)
  }

  // MARK: file names

  static let tree: [String: [(name: String, isDirectory: Bool)]] = [
    ".": [("trec-cnn", true), ("my dir", true), ("analysis.avq", false), (".hidden", false),
          ("say \"hi\".avq", false)],
    "trec-cnn/": [("manifest.json", false), ("activations", true)],
    "/home/u/": [("bundles", true)],
  ]

  static var files: FileNameCompleter { FileNameCompleter(home: "/home/u") { tree[$0] ?? [] } }

  @Test func completesNamesInTheCurrentDirectory() {
    #expect(Self.files.complete(line: "load ", cursor: 5) == Completions(
      wordStart: 5,
      candidates: [#""my dir/"#, #""say \"hi\".avq""#, "analysis.avq", "trec-cnn/"]))
    #expect(Self.files.complete(line: "load tr", cursor: 7)
              == Completions(wordStart: 5, candidates: ["trec-cnn/"]))
    #expect(Self.files.complete(line: "load .", cursor: 6)
              == Completions(wordStart: 5, candidates: [".hidden"]))
  }

  @Test func continuesInsideADirectoryAndAString() {
    #expect(Self.files.complete(line: "load trec-cnn/", cursor: 14) == Completions(
      wordStart: 5, candidates: ["trec-cnn/activations/", "trec-cnn/manifest.json"]))
    #expect(Self.files.complete(line: #"export csv "trec-cnn/m"#, cursor: 22) == Completions(
      wordStart: 11, candidates: [#""trec-cnn/manifest.json""#]))
    #expect(Self.files.complete(line: "load ~/b", cursor: 8)
              == Completions(wordStart: 5, candidates: ["~/bundles/"]))
  }

  @Test func cursorInTheMiddleCompletesTheWordBeforeIt() {
    #expect(Self.files.complete(line: "load tr; info", cursor: 7)
              == Completions(wordStart: 5, candidates: ["trec-cnn/"]))
    #expect(Self.files.complete(line: "info", cursor: 4) == nil)
  }

  // MARK: shell completer

  @Test func mergesEngineAndFileCandidates() {
    let engine = RecordingEngine()
    engine.completionResult = Completions(wordStart: 5, candidates: ["trec-old"])
    let completer = ShellCompleter(engine: engine, files: Self.files)
    #expect(completer.complete(line: "load tr", cursor: 7)
              == Completions(wordStart: 5, candidates: ["trec-cnn/", "trec-old"]))
    #expect(engine.completionRequests.map(\.cursor) == [7])
  }

  @Test func narrowsEngineCandidatesToTheTypedPrefix() {
    let engine = RecordingEngine()
    engine.completionResult = Completions(wordStart: 0, candidates: ["help", "matrix", "MATCH"])
    let completer = ShellCompleter(engine: engine, files: Self.files)
    #expect(completer.complete(line: "Ma", cursor: 2)
              == Completions(wordStart: 0, candidates: ["matrix", "MATCH"]))
    engine.completionResult = Completions(wordStart: 0, candidates: ["concat"])
    #expect(completer.complete(line: "conact", cursor: 6)
              == Completions(wordStart: 0, candidates: ["concat"]))
  }

  @Test func mergeRebasesOntoTheEarlierStart() {
    let merged = ShellCompleter.merge(Completions(wordStart: 6, candidates: ["a"]),
                                      Completions(wordStart: 5, candidates: [#""a"#, "x"]),
                                      line: #"load "a"#)
    #expect(merged == Completions(wordStart: 5, candidates: [#""a"#, "x"]))
  }
}
