import Testing
@testable import ActivisLanguage

@Suite struct ParserCommandTests {
  /// Every command form, as the user writes it, and the tree it gives.
  static let commands: [(String, String)] = [
    ("load trec-cnn", #"(load "trec-cnn")"#),
    ("load ../b/x", #"(load "../b/x")"#),
    (#"load "runs/model 2""#, #"(load "runs/model 2")"#),
    ("LOAD /data/x.bundle", #"(load "/data/x.bundle")"#),
    ("info", "(info)"),
    ("graph", "(graph)"),
    ("graph cat_1", "(graph node cat_1)"),
    ("graph encoder/conv3:0", "(graph node encoder/conv3:0)"),
    ("graph depth 2", "(graph depth 2)"),
    ("graph depth", "(graph node depth)"),
    ("graph expand encoder/conv3", "(graph expand encoder/conv3)"),
    ("graph collapse encoder", "(graph collapse encoder)"),
    ("graph expand", "(graph node expand)"),
    (#"graph "depth""#, "(graph node depth)"),
    ("layers", "(layers)"),
    ("select layer concat", "(select-layer concat)"),
    ("Select Layer fc", "(select-layer fc)"),
    ("select layer layer", "(select-layer layer)"),
    ("instances", "(instances)"),
    ("instances LOC", "(instances LOC)"),
    ("instances 3", "(instances 3)"),
    ("show #38", "(show #38)"),
    ("subset where correct", "(subset _ correct)"),
    ("subset whatis = where correct", "(subset whatis correct)"),
    ("subset where = where correct", "(subset where correct)"),
    ("subset from = where correct", "(subset from correct)"),
    ("subset text = where in text", "(subset text (in text))"),
    (#"subset "my set" = where correct"#, "(subset my set correct)"),
    ("subsets", "(subsets)"),
    ("save runs/a.avq", "(save \"runs/a.avq\")"),
    ("subset from ids.txt", "(subset - from \"ids.txt\")"),
    ("subset dogs = from \"hits a.csv\"", "(subset \"dogs\" from \"hits a.csv\")"),
    ("subsets by source", "(subsets by \"source\")"),
    ("SUBSETS BY length BINS 3", "(subsets by \"length\" bins 3)"),
    ("subsets by \"first word\"", "(subsets by \"first word\")"),
    ("members whatis", "(members whatis)"),
    ("members LOC", "(members LOC)"),
    ("matrix", "(matrix)"),
    ("matrix neurons 10..50", "(matrix neurons 10..50)"),
    ("matrix neurons 7..7", "(matrix neurons 7..7)"),
    ("matrix sort by LOC", "(matrix sort LOC)"),
    ("matrix sort by #38", "(matrix sort #38)"),
    ("matrix sort by variance", "(matrix sort variance)"),
    ("matrix sort by CLUSTER", "(matrix sort cluster)"),
    (#"matrix sort by "variance""#, "(matrix sort variance)"),
    ("matrix sort by whatis neurons 0..99", "(matrix neurons 0..99 sort whatis)"),
    ("matrix neurons 0..99 sort by variance", "(matrix neurons 0..99 sort variance)"),
    ("add #38 #47", "(add #38 #47)"),
    ("add whatis", "(add whatis)"),
    ("add #1 LOC whatis", "(add #1 LOC whatis)"),
    ("remove #38", "(remove #38)"),
    ("remove whatis #2", "(remove whatis #2)"),
    ("compare LOC HUM", "(compare LOC HUM)"),
    ("compare #38 #47 whatis top 10", "(compare #38 #47 whatis top 10)"),
    ("compare top 5 LOC HUM", "(compare LOC HUM top 5)"),
    ("compare top LOC", "(compare top LOC)"),
    (#"compare "top" LOC"#, "(compare top LOC)"),
    ("project tsne", "(project tsne)"),
    ("project PCA", "(project pca)"),
    ("project tsne of whatis sample 20000 perplexity 30 iterations 1000 learning rate 200 "
       + "seed 7 init pca",
     "(project tsne of whatis sample 20000 perplexity 30.0 iterations 1000 rate 200.0 seed 7 "
       + "init pca)"),
    ("project tsne init random seed 18446744073709551615 perplexity 5.5",
     "(project tsne init random seed 18446744073709551615 perplexity 5.5)"),
    ("color by predicted", "(color predicted)"),
    ("color by correct", "(color correct)"),
    ("color by label", "(color label)"),
    ("color by length", #"(color attribute "length")"#),
    (#"colour by "label""#, #"(color attribute "label")"#),
    ("neurons", "(neurons)"),
    ("neurons by separation top 20", "(neurons by separation top 20)"),
    ("neurons top 5 by dead", "(neurons by dead top 5)"),
    ("neurons by MEAN", "(neurons by mean)"),
    ("export csv matrix.csv", #"(export csv "matrix.csv")"#),
    ("export svg out/whatis.svg", #"(export svg "out/whatis.svg")"#),
    ("export tsv ../x.tsv", #"(export tsv "../x.tsv")"#),
    (#"export json "my results.json""#, #"(export json "my results.json")"#),
    ("set format table", "(format table)"),
    ("set format CSV", "(format csv)"),
    ("set format tsv", "(format tsv)"),
    ("set format json", "(format json)"),
    ("set timer on", "(timer on)"),
    ("SET TIMER OFF", "(timer off)"),
    ("help", "(help)"),
    ("help matrix", "(help matrix)"),
    ("help exit", "(help exit)"),
    ("help predicates", "(help predicates)"),
    ("quit", "(quit)"),
    ("exit", "(quit)"),
    ("QUIT", "(quit)"),
  ]

  @Test(arguments: commands)
  func parsesCommand(_ line: String, _ expected: String) {
    #expect(TreeDump.parse(line) == expected)
  }

  /// Separators, comments and blank input.
  static let lines: [(String, String)] = [
    ("", ""),
    ("   ", ""),
    ("-- only a comment", ""),
    (";;", ""),
    ("info; layers", "(info); (layers)"),
    ("info;layers;", "(info); (layers)"),
    ("load trec-cnn; select layer concat -- go", #"(load "trec-cnn"); (select-layer concat)"#),
    ("export csv a.csv;info", #"(export csv "a.csv"); (info)"#),
    ("#!/usr/bin/env activis -f", ""),
    ("matrix -- sort by LOC", "(matrix)"),
  ]

  @Test(arguments: lines)
  func parsesLine(_ line: String, _ expected: String) {
    #expect(TreeDump.parse(line) == expected)
  }

  @Test func commandRangesCoverTheirTokens() {
    let parsed = Parser.parse(line: "info ;  add #38 #47  -- x")
    #expect(parsed.commands.map(\.range) == [SourceRange(0, 4), SourceRange(8, 19)])
    guard case .add(let rows) = parsed.commands[1].command else {
      Issue.record("expected add")
      return
    }
    #expect(rows.map(\.range) == [SourceRange(12, 15), SourceRange(16, 19)])
  }

  @Test func projectionParametersKeepTheirRanges() {
    let parsed = Parser.parse(line: "project tsne learning rate 200 seed 7")
    guard case .project(let request) = parsed.commands.first?.command else {
      Issue.record("expected project")
      return
    }
    #expect(request.method.range == SourceRange(8, 12))
    #expect(request.parameters.map(\.range) == [SourceRange(13, 30), SourceRange(31, 37)])
  }

  @Test func aLineWithAnErrorKeepsTheOtherCommandsAndOneDiagnosticPerCommand() {
    let parsed = Parser.parse(line: "info; matirx; layers; show x")
    #expect(parsed.commands.count == 2)
    #expect(parsed.diagnostics.map(\.message) == [
      "unknown command 'matirx'; did you mean 'matrix'?",
      "expected an instance id like '#38', found 'x'",
    ])
    #expect(parsed.hasErrors)
  }
}
