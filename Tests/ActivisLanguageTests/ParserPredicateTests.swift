import Testing
@testable import ActivisLanguage

@Suite struct ParserPredicateTests {
  /// Every predicate form after `subset where`, and its tree.
  static let forms: [(String, String)] = [
    (#"text starts "What is""#, #"(text starts "What is")"#),
    (#"text ends "?""#, #"(text ends "?")"#),
    (#"text contains "golf""#, #"(text contains "golf")"#),
    (#"text matches "^Who (is|was)""#, #"(text matches "^Who (is|was)")"#),
    (#"TEXT Starts "a""#, #"(text starts "a")"#),
    (#"text contains golf"#, #"(text contains "golf")"#),
    (#"text contains "say \"hi\" \\ there""#, #"(text contains "say "hi" \ there")"#),
    (#"text matches "\d+""#, #"(text matches "\d+")"#),
    ("label = NUM", #"(= "label" word:NUM)"#),
    ("predicted = DESC", #"(= "predicted" word:DESC)"#),
    ("LABEL = DESC", #"(= "label" word:DESC)"#),
    ("Id >= 3", #"(>= "id" 3=3.0)"#),
    (#""Label" = DESC"#, #"(= "Label" word:DESC)"#),
    ("Length = 3", #"(= "Length" 3=3.0)"#),
    ("predicted != LOC", #"(!= "predicted" word:LOC)"#),
    ("label = 3", #"(= "label" 3=3.0)"#),
    ("id < 100", #"(< "id" 100=100.0)"#),
    ("length <= 5", #"(<= "length" 5=5.0)"#),
    ("length > -2.5e1", #"(> "length" -2.5e1=-25.0)"#),
    ("length >= 0.5", #"(>= "length" 0.5=0.5)"#),
    (#"topic = "sports""#, #"(= "topic" "sports")"#),
    ("topic == sports", #"(= "topic" word:sports)"#),
    ("topic <> sports", #"(!= "topic" word:sports)"#),
    (#""first word" = what"#, #"(= "first word" word:what)"#),
    (#""and" = 1"#, #"(= "and" 1=1.0)"#),
    ("text = hello", #"(= "text" word:hello)"#),
    ("correct = yes", #"(= "correct" word:yes)"#),
    ("not = 1", #"(= "not" 1=1.0)"#),
    ("in != x", #"(!= "in" word:x)"#),
    ("score NUM > 0.5", "(score NUM > 0.5)"),
    ("score 3 <= 1e-3", "(score 3 <= 0.001)"),
    (#"score "a b" > 0"#, "(score a b > 0.0)"),
    ("score > 0.5", #"(> "score" 0.5=0.5)"#),
    ("neuron 17 > 0.3", "(neuron 17 > 0.3)"),
    ("neuron n17 > 0.3", #"(neuron "n17" > 0.3)"#),
    (#"neuron "my unit" < -1"#, #"(neuron "my unit" < -1.0)"#),
    ("neuron 3 of layer hidden1 > 1", #"(neuron 3 of layer "hidden1" > 1.0)"#),
    (#"neuron n3 of layer "conv 2" <= 0"#, #"(neuron "n3" of layer "conv 2" <= 0.0)"#),
    (#"in file "ids.txt""#, #"(in file "ids.txt")"#),
    ("in file", "(in file)"),
    ("correct", "correct"),
    ("misclassified", "misclassified"),
    ("Correct", "correct"),
    ("in whatis", "(in whatis)"),
    ("in LOC", "(in LOC)"),
    (#"in "my set""#, "(in my set)"),
    ("in text", "(in text)"),
  ]

  @Test(arguments: forms)
  func parsesForm(_ predicate: String, _ expected: String) {
    #expect(TreeDump.parse("subset where " + predicate) == "(subset _ \(expected))")
  }

  /// `not` > `and` > `or`, left associative, parentheses.
  static let precedence: [(String, String)] = [
    ("correct and misclassified or in a", "(or (and correct misclassified) (in a))"),
    ("correct or misclassified and in a", "(or correct (and misclassified (in a)))"),
    ("not correct and in a", "(and (not correct) (in a))"),
    ("not correct or in a", "(or (not correct) (in a))"),
    ("not (correct or in a)", "(not (or correct (in a)))"),
    ("(correct or in a) and in b", "(and (or correct (in a)) (in b))"),
    ("in a and in b and in c", "(and (and (in a) (in b)) (in c))"),
    ("in a or in b or in c", "(or (or (in a) (in b)) (in c))"),
    ("not not correct", "(not (not correct))"),
    ("((correct))", "correct"),
    ("in a OR in b AND NOT in c", "(or (in a) (and (in b) (not (in c))))"),
    ("not in a and not in b or correct", "(or (and (not (in a)) (not (in b))) correct)"),
  ]

  @Test(arguments: precedence)
  func respectsPrecedence(_ predicate: String, _ expected: String) {
    #expect(TreeDump.parse("subset where " + predicate) == "(subset _ \(expected))")
  }

  @Test func predicateRangesSpanTheirTokens() {
    let line = "subset where not (correct or in a) and label = 3"
    guard case .defineSubset(_, let node) = Parser.parse(line: line).commands.first?.command,
          case .and(let left, let right) = node.predicate else {
      Issue.record("expected an and")
      return
    }
    #expect(node.range == SourceRange(13, 48))
    #expect(left.range == SourceRange(13, 34))
    #expect(right.range == SourceRange(39, 48))
    guard case .not(let inner) = left.predicate else {
      Issue.record("expected not")
      return
    }
    #expect(inner.range == SourceRange(17, 34))
  }

  @Test func nestingUpToTheLimitParses() {
    let nested = String(repeating: "(", count: 100) + "correct" + String(repeating: ")", count: 100)
    #expect(TreeDump.parse("subset where " + nested) == "(subset _ correct)")
    let negated = String(repeating: "not ", count: 100) + "correct"
    #expect(Parser.parse(line: "subset where " + negated).diagnostics.isEmpty)
  }

  @Test func longFlatChainsParse() {
    let chain = (0..<2000).map { "in s\($0)" }.joined(separator: " and ")
    let parsed = Parser.parse(line: "subset where " + chain)
    #expect(parsed.diagnostics.isEmpty)
    #expect(parsed.commands.count == 1)
  }
}
