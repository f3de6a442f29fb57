import Foundation
import Testing
@testable import ActivisLanguage

@Suite struct ParserDiagnosticTests {
  /// A marked line and the exact message of its one diagnostic.
  static let errors: [(String, String)] = [
    // Commands
    ("1️⃣matirx2️⃣", "unknown command 'matirx'; did you mean 'matrix'?"),
    ("1️⃣lod2️⃣ x", "unknown command 'lod'; did you mean 'load'?"),
    ("1️⃣frobnicate2️⃣", "unknown command 'frobnicate'"),
    ("1️⃣#382️⃣", "expected a command, found '#38'"),
    ("1️⃣(2️⃣", "expected a command, found '('"),
    ("info 1️⃣foo2️⃣", "unexpected 'foo' after 'info'"),
    ("layers 1️⃣#12️⃣", "unexpected '#1' after 'layers'"),
    ("select layer x 1️⃣y2️⃣", "unexpected 'y' after 'x'"),
    ("quit 1️⃣now2️⃣", "unexpected 'now' after 'quit'"),
    ("load1️⃣", "expected a file path after 'load', found end of line"),
    ("load 1️⃣;2️⃣", "expected a file path after 'load', found ';'"),
    ("select1️⃣", "expected 'layer' after 'select', found end of line"),
    ("select 1️⃣layr2️⃣ x", "expected 'layer' after 'select', found 'layr'; did you mean 'layer'?"),
    ("select layer1️⃣", "expected a layer name after 'layer', found end of line"),
    ("select layer 1️⃣#32️⃣", "expected a layer name after 'layer', found '#3'"),
    ("show1️⃣", "expected an instance id like '#38', found end of line"),
    ("show 1️⃣382️⃣", "expected an instance id like '#38', found '38'"),
    ("show 1️⃣#x2️⃣", "expected an instance id like '#38', found '#x'"),
    ("show 1️⃣#2️⃣", "expected an instance id like '#38', found '#'"),
    ("show 1️⃣#999999999999999999992️⃣", "instance id '#99999999999999999999' is too large"),
    ("graph depth 1️⃣-12️⃣", "expected a non-negative integer after 'depth', found '-1'"),
    ("graph a 1️⃣b2️⃣", "unexpected 'b' after 'a'"),
    ("instances LOC 1️⃣HUM2️⃣", "unexpected 'HUM' after 'LOC'"),
    ("members1️⃣", "expected a subset or class name after 'members', found end of line"),
    ("subsets 1️⃣of2️⃣ source", "expected 'by' after 'subsets', found 'of'"),
    ("subset x = from1️⃣", "expected a file path after 'from', found end of line"),
    ("subsets by1️⃣", "expected 'label', 'predicted' or an attribute after 'by', found end of line"),
    ("subsets by length bins 1️⃣12️⃣", "expected an integer of at least 2 after 'bins', found '1'"),
    ("subsets by length 1️⃣bin2️⃣ 3", "unknown option 'bin' for 'subsets by'; did you mean 'bins'?"),
    // Subsets and predicates
    ("subset whatis = where1️⃣", "expected a predicate after 'where', found end of line"),
    ("subset whatis = where1️⃣   ", "expected a predicate after 'where', found end of line"),
    ("subset1️⃣", "expected 'where', 'from' or a subset name after 'subset', found end of line"),
    ("subset x 1️⃣where2️⃣ correct", "expected '=' after 'x', found 'where'"),
    ("subset x = 1️⃣correct2️⃣", "expected 'where' or 'from' after '=', found 'correct'"),
    ("subset x = 1️⃣wher2️⃣ correct",
     "expected 'where' or 'from' after '=', found 'wher'; did you mean 'where'?"),
    ("subset where correct and1️⃣", "expected a predicate after 'and', found end of line"),
    ("subset where correct or 1️⃣)2️⃣", "expected a predicate after 'or', found ')'"),
    ("subset where not1️⃣", "expected a predicate after 'not', found end of line"),
    ("subset where (correct1️⃣", "expected ')' to close '(', found end of line"),
    ("subset where (correct 1️⃣in2️⃣ a", "expected ')' to close '(', found 'in'"),
    ("subset where correct 1️⃣)2️⃣", "unexpected ')' after 'correct'"),
    ("subset where correct 1️⃣misclassified2️⃣",
     "unexpected 'misclassified' after 'correct'"),
    ("subset where 1️⃣corect2️⃣", "unknown predicate 'corect'; did you mean 'correct'?"),
    ("subset where LOC1️⃣", "expected a comparison operator after 'LOC', found end of line"),
    ("subset where length 1️⃣52️⃣", "expected a comparison operator after 'length', found '5'"),
    ("subset where label =1️⃣", "expected a value after '=', found end of line"),
    ("subset where label = 1️⃣#32️⃣", "expected a value after '=', found '#3'"),
    ("subset where text1️⃣", "expected 'starts', 'ends', 'contains' or 'matches' after 'text', "
       + "found end of line"),
    ("subset where text 1️⃣start2️⃣ \"a\"", "expected 'starts', 'ends', 'contains' or 'matches' "
       + "after 'text', found 'start'; did you mean 'starts'?"),
    ("subset where text starts1️⃣", "expected a quoted string after 'starts', found end of line"),
    ("subset where text matches 1️⃣\"(a\"2️⃣", "invalid regular expression '(a'"),
    ("subset where score1️⃣", "expected a class name after 'score', found end of line"),
    ("subset where score LOC 1️⃣0.52️⃣", "expected a comparison operator after 'LOC', found '0.5'"),
    ("subset where score LOC > 1️⃣high2️⃣", "expected a number after '>', found 'high'"),
    ("subset where neuron 1️⃣-12️⃣ > 0",
     "expected a neuron index or name after 'neuron', found '-1'"),
    ("subset where neuron 1️⃣1.52️⃣ > 0",
     "expected a neuron index or name after 'neuron', found '1.5'"),
    ("subset where neuron 17 > 1️⃣x2️⃣", "expected a number after '>', found 'x'"),
    ("subset where in1️⃣", "expected a subset or class name after 'in', found end of line"),
    ("subset where 1️⃣#12️⃣", "expected a predicate after 'where', found '#1'"),
    // Lexical errors
    ("subset where text starts 1️⃣\"2️⃣What is", "unterminated string literal"),
    ("subset where text starts 1️⃣'2️⃣What'",
     "unexpected character '''; strings are written in double quotes"),
    ("add #1 1️⃣,2️⃣ #2", "unexpected character ','"),
    ("subset where label 1️⃣!2️⃣ 3", "unexpected character '!'"),
    ("neurons top 1️⃣1e9992️⃣", "number '1e999' is out of range"),
    // Activations
    ("matrix 1️⃣foo2️⃣", "unexpected 'foo' after 'matrix'"),
    ("matrix 1️⃣sortt2️⃣ by LOC", "unknown option 'sortt' for 'matrix'; did you mean 'sort'?"),
    ("matrix neurons1️⃣", "expected a non-negative integer after 'neurons', found end of line"),
    ("matrix neurons 101️⃣", "expected '..' after '10', found end of line"),
    ("matrix neurons 10 1️⃣502️⃣", "expected '..' after '10', found '50'"),
    ("matrix neurons 10..1️⃣x2️⃣", "expected a non-negative integer after '..', found 'x'"),
    ("matrix neurons 1️⃣50..102️⃣", "empty neuron range '50..10'"),
    ("matrix sort1️⃣", "expected 'by' after 'sort', found end of line"),
    ("matrix sort by1️⃣", "expected 'variance', 'cluster' or a row after 'by', found end of line"),
    ("matrix sort by a 1️⃣sort2️⃣ by b", "duplicate option 'sort by'"),
    ("add1️⃣", "expected an instance id like '#38', a class or a subset after 'add', "
       + "found end of line"),
    ("remove #1 1️⃣(2️⃣",
     "expected an instance id like '#38', a class or a subset after '#1', found '('"),
    ("compare1️⃣", "expected an instance id like '#38', a class or a subset after 'compare', "
       + "found end of line"),
    ("compare a top 3 1️⃣top2️⃣ 4", "duplicate option 'top'"),
    ("compare a top 1️⃣02️⃣", "expected a positive integer after 'top', found '0'"),
    ("1️⃣compare #38 top 32️⃣", "'compare' needs at least two rows, e.g. 'compare #38 #120' or 'compare NUM whatis'"),
    ("project1️⃣", "expected 'tsne', 'pca' or 'umap' after 'project', found end of line"),
    ("project 1️⃣tnse2️⃣", "expected 'tsne', 'pca' or 'umap' after 'project', found 'tnse'; "
       + "did you mean 'tsne'?"),
    ("project tsne 1️⃣perplexty2️⃣ 30",
     "unknown option 'perplexty' for 'project'; did you mean 'perplexity'?"),
    ("project tsne 1️⃣foo2️⃣", "unexpected 'foo' after 'tsne'"),
    ("project tsne perplexity 1️⃣02️⃣", "expected a positive number after 'perplexity', found '0'"),
    ("project tsne sample 1️⃣2.52️⃣", "expected an integer of at least 4 after 'sample', found '2.5'"),
    ("project tsne learning 1️⃣2002️⃣", "expected 'rate' after 'learning', found '200'"),
    ("project tsne seed 1️⃣-12️⃣", "expected a non-negative integer after 'seed', found '-1'"),
    ("project tsne init 1️⃣pcb2️⃣", "expected 'pca', 'random' or 'spectral' after 'init', found 'pcb'; "
       + "did you mean 'pca'?"),
    ("project tsne seed 1 1️⃣seed2️⃣ 2", "duplicate option 'seed'"),
    ("project tsne learning rate 1 1️⃣learning2️⃣ rate 2", "duplicate option 'learning rate'"),
    ("project tsne of1️⃣", "expected a subset name after 'of', found end of line"),
    ("color1️⃣", "expected 'by' after 'color', found end of line"),
    ("color by1️⃣", "expected 'label', 'predicted', 'correct', an attribute or a subset after 'by', "
       + "found end of line"),
    ("neurons by 1️⃣avg2️⃣", "expected 'mean', 'std', 'min', 'max', 'dead' or 'separation' "
       + "after 'by', found 'avg'"),
    ("neurons 1️⃣topp2️⃣ 3", "unknown option 'topp' for 'neurons'; did you mean 'top'?"),
    // Output
    ("export 1️⃣xls2️⃣ a.xls",
     "expected 'csv', 'tsv', 'json' or 'svg' after 'export', found 'xls'"),
    ("export csv1️⃣", "expected a file path after 'csv', found end of line"),
    ("export csv a.csv 1️⃣b.csv2️⃣", "unexpected 'b.csv' after 'a.csv'"),
    ("set 1️⃣fromat2️⃣ csv",
     "expected 'format' or 'timer' after 'set', found 'fromat'; did you mean 'format'?"),
    ("set format 1️⃣box2️⃣",
     "expected 'table', 'csv', 'tsv' or 'json' after 'format', found 'box'"),
    ("help 1️⃣matirx2️⃣", "unknown help topic 'matirx'; did you mean 'matrix'?"),
    ("help 1️⃣zzz2️⃣", "unknown help topic 'zzz'"),
    ("help 1️⃣#12️⃣", "expected a command after 'help', found '#1'"),
  ]

  @Test(arguments: errors)
  func reportsError(_ marked: String, _ message: String) {
    let source = MarkedSource(marked)
    let parsed = Parser.parse(line: source.line)
    #expect(parsed.diagnostics == [.error(message, at: source.range)])
    #expect(parsed.commands.isEmpty)
  }

  /// One level past the limit, by parentheses and by `not`.
  static let tooDeep = [
    "subset where " + String(repeating: "(", count: 100) + "1️⃣(2️⃣correct",
    "subset where " + String(repeating: "not ", count: 100) + "1️⃣not2️⃣ correct",
  ]

  @Test(arguments: tooDeep)
  func nestingDeeperThanTheLimitIsAnError(_ marked: String) {
    let source = MarkedSource(marked)
    #expect(Parser.parse(line: source.line).diagnostics == [
      .error("predicate nested too deeply (more than 100 levels)", at: source.range)
    ])
  }

  @Test func hugeNestingIsAnErrorNotACrash() {
    let line = "subset where " + String(repeating: "(", count: 1_000_000)
    #expect(Parser.parse(line: line).diagnostics.count == 1)
  }
}
