import Testing
@testable import ActivisLanguage

@Suite struct ParserCommandTests {
  /// Every command form, as the user writes it, and the tree it gives.
  static let commands: [(String, String)] = [
    ("load trec-cnn", "(load path:trec-cnn)"),
    ("load ../b/x", "(load path:../b/x)"),
    (#"load "runs/model 2""#, #"(load path:"runs/model 2")"#),
    ("LOAD /data/x.bundle", "(load path:/data/x.bundle)"),
    ("info", "(info)"),
    ("graph", "(graph)"),
    ("graph cat_1", "(graph node:cat_1)"),
    ("graph encoder/conv3:0", "(graph node:encoder/conv3:0)"),
    ("graph depth 2", "(graph depth:2)"),
    ("graph depth", "(graph node:depth)"),
    ("graph expand encoder/conv3", "(graph expand group:encoder/conv3)"),
    ("graph collapse encoder", "(graph collapse group:encoder)"),
    ("graph expand", "(graph node:expand)"),
    (#"graph "depth""#, "(graph node:depth)"),
    ("layers", "(layers)"),
    ("select layer concat", "(select layer name:concat)"),
    ("Select Layer fc", "(select layer name:fc)"),
    ("select layer layer", "(select layer name:layer)"),
    ("instances", "(instances)"),
    ("instances LOC", "(instances class:LOC)"),
    ("instances 3", "(instances class:3)"),
    ("show #38", "(show id:#38)"),
    ("subset where correct", "(subset where predicate:correct)"),
    ("subset whatis = where correct", "(subset name:whatis = where predicate:correct)"),
    ("subset where = where correct", "(subset name:where = where predicate:correct)"),
    ("subset from = where correct", "(subset name:from = where predicate:correct)"),
    ("subset text = where in text", "(subset name:text = where predicate:(in text))"),
    (#"subset "my set" = where correct"#, #"(subset name:"my set" = where predicate:correct)"#),
    ("subsets", "(subsets)"),
    ("save runs/a.avq", "(save file:runs/a.avq)"),
    ("subset from ids.txt", "(subset from file:ids.txt)"),
    ("subset dogs = from \"hits a.csv\"", #"(subset name:dogs = from file:"hits a.csv")"#),
    ("subsets by source", "(subsets by field:source)"),
    ("SUBSETS BY length BINS 3", "(subsets by field:length bins:3)"),
    ("subsets by \"first word\"", #"(subsets by field:"first word")"#),
    ("subsets by LABEL", "(subsets by field:label)"),
    ("members whatis", "(members name:whatis)"),
    ("members LOC", "(members name:LOC)"),
    ("matrix", "(matrix)"),
    ("matrix neurons 10..50", "(matrix neurons:10..50)"),
    ("matrix neurons 7..7", "(matrix neurons:7..7)"),
    ("matrix sort by LOC", "(matrix sort by row:LOC)"),
    ("matrix sort by #38", "(matrix sort by row:#38)"),
    ("matrix sort by variance", "(matrix sort by variance)"),
    ("matrix sort by CLUSTER", "(matrix sort by cluster)"),
    (#"matrix sort by "variance""#, "(matrix sort by row:variance)"),
    ("matrix sort by whatis neurons 0..99", "(matrix sort by row:whatis neurons:0..99)"),
    ("matrix neurons 0..99 sort by variance", "(matrix neurons:0..99 sort by variance)"),
    ("add #38 #47", "(add row:#38 row:#47)"),
    ("add whatis", "(add row:whatis)"),
    ("add #1 LOC whatis", "(add row:#1 row:LOC row:whatis)"),
    ("remove #38", "(remove row:#38)"),
    ("remove whatis #2", "(remove row:whatis row:#2)"),
    ("compare LOC HUM", "(compare row:LOC row:HUM)"),
    ("compare #38 #47 whatis top 10", "(compare row:#38 row:#47 row:whatis top:10)"),
    ("compare top 5 LOC HUM", "(compare top:5 row:LOC row:HUM)"),
    ("compare top LOC", "(compare row:top row:LOC)"),
    (#"compare "top" LOC"#, "(compare row:top row:LOC)"),
    ("project tsne", "(project method:tsne)"),
    ("project PCA", "(project method:pca)"),
    ("project tsne of whatis sample 20000 perplexity 30 iterations 1000 learning rate 200 "
       + "seed 7 init pca",
     "(project method:tsne of:whatis sample:20000 perplexity:30.0 iterations:1000 learning rate:200.0 "
       + "seed:7 init:pca)"),
    ("project tsne init random seed 18446744073709551615 perplexity 5.5",
     "(project method:tsne init:random seed:18446744073709551615 perplexity:5.5)"),
    ("project umap neighbors 30 min dist 0.5 seed 3 init spectral",
     "(project method:umap neighbors:30 min dist:0.5 seed:3 init:spectral)"),
    ("color by predicted", "(color by key:predicted)"),
    ("color by correct", "(color by key:correct)"),
    ("color by label", "(color by key:label)"),
    ("color by length", "(color by attribute:length)"),
    (#"colour by "label""#, "(color by attribute:label)"),
    ("neurons", "(neurons)"),
    ("neurons by separation top 20", "(neurons by statistic:separation top:20)"),
    ("neurons top 5 by dead", "(neurons top:5 by statistic:dead)"),
    ("neurons by MEAN", "(neurons by statistic:mean)"),
    ("export csv matrix.csv", "(export format:csv file:matrix.csv)"),
    ("export svg out/whatis.svg", "(export format:svg file:out/whatis.svg)"),
    ("export tsv ../x.tsv", "(export format:tsv file:../x.tsv)"),
    (#"export json "my results.json""#, #"(export format:json file:"my results.json")"#),
    ("set format table", "(set format:table)"),
    ("set format CSV", "(set format:csv)"),
    ("set format tsv", "(set format:tsv)"),
    ("set format json", "(set format:json)"),
    ("set timer on", "(set timer:on)"),
    ("SET TIMER OFF", "(set timer:off)"),
    ("help", "(help)"),
    ("help matrix", "(help topic:matrix)"),
    ("help exit", "(help topic:exit)"),
    ("help predicates", "(help topic:predicates)"),
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
    ("load trec-cnn; select layer concat -- go", "(load path:trec-cnn); (select layer name:concat)"),
    ("export csv a.csv;info", "(export format:csv file:a.csv); (info)"),
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
    #expect(parsed.commands[1].arguments.rows("row").map(\.range) == [SourceRange(12, 15), SourceRange(16, 19)])
  }

  @Test func projectionParametersKeepTheirRanges() throws {
    let parsed = Parser.parse(line: "project tsne learning rate 200 seed 7")
    let arguments = try #require(parsed.commands.first?.arguments)
    #expect(arguments.text("method")?.range == SourceRange(8, 12))
    #expect(CommandDeclaration.projectionParameters(arguments).map(\.range) == [SourceRange(13, 30), SourceRange(31, 37)])
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
