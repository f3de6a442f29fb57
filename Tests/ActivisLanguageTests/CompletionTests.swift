import Testing
@testable import ActivisLanguage

@Suite struct CompletionTests {
  typealias Kind = CompletionContext.Kind

  static let predicateStart = ["not", "text", "score", "neuron", "correct", "misclassified", "changed", "in",
                               "label", "predicted", "id"]

  /// `1️⃣` marks where the word starts, `2️⃣` the cursor.
  static let cases: [(String, Kind, [String])] = [
    ("1️⃣2️⃣", .command, []),
    ("1️⃣ma2️⃣", .command, []),
    ("info; 1️⃣ma2️⃣", .command, []),
    ("load 1️⃣tre2️⃣", .file, []),
    ("load 1️⃣../b/2️⃣", .file, []),
    ("load \"1️⃣runs/my di2️⃣", .file, []),
    ("export 1️⃣2️⃣", .keywords(["csv", "tsv", "json", "svg"]), []),
    ("export svg 1️⃣out/wh2️⃣", .file, []),
    ("select 1️⃣2️⃣", .keywords(["layer"]), []),
    ("select layer 1️⃣co2️⃣", .layer, []),
    ("diff 1️⃣../out/tr2️⃣", .file, []),
    ("diff ../out/b 1️⃣2️⃣", .keywords(["all"]), []),
    ("matrix layers 1️⃣co2️⃣", .layer, ["sort"]),
    ("matrix layers conv1 1️⃣co2️⃣", .layer, ["sort", "neurons"]),
    ("subset where changed 1️⃣2️⃣", .keywords(["from"]), []),
    ("subset where changed from 1️⃣epoch2️⃣", .file, []),
    ("subset where changed from \"out/e1\" 1️⃣2️⃣", .keywords(["and", "or"]), []),
    ("select layer 1️⃣co2️⃣ncat", .layer, []),
    ("instances 1️⃣2️⃣", .className, []),
    ("members 1️⃣wh2️⃣", .subsetOrClass, []),
    ("graph 1️⃣2️⃣", .graphNode, ["depth", "expand", "collapse"]),
    ("graph expand 1️⃣enc2️⃣", .group, []),
    ("subset 1️⃣2️⃣", .keywords(["where", "from"]), []),
    ("subset x 1️⃣2️⃣", .keywords(["="]), []),
    ("subset x = 1️⃣wh2️⃣", .keywords(["where", "from"]), []),
    ("subset where 1️⃣2️⃣", .attribute, predicateStart),
    ("subset x = where 1️⃣le2️⃣", .attribute, predicateStart),
    ("subset where text 1️⃣st2️⃣", .keywords(["starts", "ends", "contains", "matches"]), []),
    ("subset where correct 1️⃣a2️⃣", .keywords(["and", "or"]), []),
    ("subset where label = 1️⃣2️⃣", .className, []),
    ("subset where length > 1️⃣2️⃣", .none, []),
    ("subset where length > 3 1️⃣2️⃣", .keywords(["and", "or"]), []),
    ("subset where in 1️⃣wh2️⃣", .subsetOrClass, ["file"]),
    ("subset where in file 1️⃣ids2️⃣", .file, []),
    ("subset where in file \"ids.txt\" 1️⃣2️⃣", .keywords(["and", "or"]), []),
    ("subset where neuron 3 1️⃣o2️⃣", .keywords(["of"]), []),
    ("subset where neuron 3 of 1️⃣2️⃣", .keywords(["layer"]), []),
    ("subset where neuron 3 of layer 1️⃣hid2️⃣", .layer, []),
    ("subset where in whatis 1️⃣2️⃣", .keywords(["and", "or"]), []),
    ("subset where score 1️⃣2️⃣", .className, []),
    ("subset where (correct or 1️⃣2️⃣", .attribute, predicateStart),
    ("subset where (correct) 1️⃣2️⃣", .keywords(["and", "or"]), []),
    ("subset where text starts \"What\" 1️⃣2️⃣", .keywords(["and", "or"]), []),
    ("subset where text starts \"1️⃣Wh2️⃣", .none, []),
    ("matrix 1️⃣2️⃣", .keywords(["neurons", "sort", "layers"]), []),
    ("matrix sort 1️⃣2️⃣", .keywords(["by"]), []),
    ("matrix sort by 1️⃣2️⃣", .row, ["variance", "cluster"]),
    ("matrix sort by LOC 1️⃣2️⃣", .keywords(["neurons", "layers"]), []),
    ("matrix neurons 1️⃣2️⃣", .none, []),
    ("matrix neurons 1..3 sort by LOC 1️⃣2️⃣", .keywords(["layers"]), []),
    ("add #38 1️⃣2️⃣", .row, []),
    ("remove 1️⃣wh2️⃣", .row, []),
    ("compare a 1️⃣2️⃣", .row, ["top", "by"]),
    ("compare a top 1️⃣2️⃣", .none, []),
    ("project 1️⃣t2️⃣", .keywords(["tsne", "pca", "umap"]), []),
    // Options that one method has are offered only after it.
    ("project tsne 1️⃣2️⃣", .keywords(["of", "sample", "perplexity", "iterations", "learning", "seed", "init"]), []),
    ("project tsne seed 7 of s 1️⃣2️⃣", .keywords(["sample", "perplexity", "iterations", "learning", "init"]), []),
    ("project umap 1️⃣2️⃣", .keywords(["of", "sample", "iterations", "learning", "seed", "init", "neighbors", "min"]), []),
    ("project pca 1️⃣2️⃣", .keywords(["of", "sample", "seed"]), []),
    ("project umap 1️⃣p2️⃣", .keywords(["of", "sample", "iterations", "learning", "seed", "init", "neighbors", "min"]), []),
    ("project umap min 1️⃣2️⃣", .keywords(["dist"]), []),
    ("project tsne of 1️⃣2️⃣", .subset, []),
    ("project tsne learning 1️⃣2️⃣", .keywords(["rate"]), []),
    ("project tsne init 1️⃣2️⃣", .keywords(["pca", "random", "spectral"]), []),
    ("project tsne sample 1️⃣2️⃣", .none, []),
    ("separability 1️⃣2️⃣", .keywords(["of", "sample"]), []),
    ("separability of 1️⃣2️⃣", .subsetOrClass, []),
    ("suggest 1️⃣2️⃣", .keywords(["for", "top"]), []),
    ("suggest top 3 for 1️⃣2️⃣", .className, []),
    ("color 1️⃣2️⃣", .keywords(["by"]), []),
    ("color by 1️⃣2️⃣", .attributeOrSubset, ["label", "predicted", "correct"]),
    ("subsets 1️⃣b2️⃣", .keywords(["by"]), []),
    ("subset 1️⃣fr2️⃣", .keywords(["where", "from"]), []),
    ("subset x = 1️⃣2️⃣", .keywords(["where", "from"]), []),
    ("subset x = from 1️⃣ids2️⃣", .file, []),
    ("save 1️⃣se2️⃣", .file, []),
    ("subsets by 1️⃣so2️⃣", .attribute, ["label", "predicted"]),
    ("subsets by length 1️⃣2️⃣", .keywords(["bins"]), []),
    ("neurons 1️⃣2️⃣", .keywords(["by", "top"]), []),
    ("neurons by 1️⃣2️⃣", .keywords(["mean", "std", "min", "max", "dead", "separation"]), []),
    ("neurons by mean 1️⃣2️⃣", .keywords(["top"]), []),
    ("set 1️⃣2️⃣", .keywords(["format", "timer"]), []),
    ("set format 1️⃣2️⃣", .keywords(["table", "csv", "tsv", "json"]), []),
    ("set timer 1️⃣o2️⃣", .keywords(["on", "off"]), []),
    ("help 1️⃣ma2️⃣", .command, ["predicates"]),
    ("info 1️⃣2️⃣", .none, []),
    ("info -- co1️⃣2️⃣", .none, []),
    ("show 1️⃣#32️⃣", .none, []),
    ("frob 1️⃣2️⃣", .none, []),
  ]

  @Test(arguments: cases)
  func context(_ marked: String, _ kind: Kind, _ keywords: [String]) {
    let source = MarkedSource(marked)
    let context = Completion.context(line: source.line, cursor: source.range.end)
    let bytes = Array(source.line.utf8)[source.range.start..<source.range.end]
    #expect(context == CompletionContext(wordStart: source.range.start,
                                         prefix: String(decoding: bytes, as: UTF8.self),
                                         kind: kind, keywords: keywords))
  }

  @Test func cursorIsClamped() {
    #expect(Completion.context(line: "info", cursor: 99).wordStart == 0)
    #expect(Completion.context(line: "info", cursor: -5).kind == .command)
  }
}
