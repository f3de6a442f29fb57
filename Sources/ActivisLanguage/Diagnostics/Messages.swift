/// Every message the lexer, parser and evaluator can report, in one place
/// (please keep each part sorted alphabetically).
///
/// Wording follows swift-syntax and argument-parser: lower case, the user's
/// text in single quotes, "expected X after 'Y', found Z", and at most one
/// "did you mean" suggestion.
enum Messages {
  /// `'compare' needs at least two rows, …`
  static let compareNeedsTwoRows = "'compare' needs at least two rows, e.g. 'compare #38 #120' or 'compare NUM whatis'"

  /// `duplicate option 'seed'`
  static func duplicateOption(_ option: String) -> String {
    "duplicate option '\(option)'"
  }

  /// `empty neuron range '50..10'`
  static func emptyNeuronRange(_ lower: Int, _ upper: Int) -> String {
    "empty neuron range '\(lower)..\(upper)'"
  }

  /// `expected a command, found '#38'`
  static func expectedCommand(found: String) -> String {
    "expected a command, found \(found)"
  }

  /// `expected <what> after '<previous>', found <found>`, with a suggestion.
  static func expected(_ what: String, after previous: String, found: String,
                       suggestion: String? = nil) -> String {
    "expected \(what) after '\(previous)', found \(found)" + didYouMean(suggestion)
  }

  /// `expected an instance id like '#38', found '38'`
  static func expectedInstance(found: String) -> String {
    "expected an instance id like '#38', found \(found)"
  }

  /// `instance id '#99999999999999999999' is too large`
  static func instanceTooLarge(_ text: String) -> String {
    "instance id '\(text)' is too large"
  }

  /// `invalid regular expression '(a'`
  static func invalidRegularExpression(_ pattern: String) -> String {
    "invalid regular expression '\(pattern)'"
  }

  /// `predicate nested too deeply (more than 100 levels)`
  static func nestedTooDeeply(_ limit: Int) -> String {
    "predicate nested too deeply (more than \(limit) levels)"
  }

  /// `number '1e999' is out of range`
  static func numberOutOfRange(_ text: String) -> String {
    "number '\(text)' is out of range"
  }

  /// `expected ')' to close '(', found end of line`
  static func unclosedParenthesis(found: String) -> String {
    "expected ')' to close '(', found \(found)"
  }

  /// `unexpected character '!'`, with a hint for single quotes.
  static func unexpectedCharacter(_ text: String) -> String {
    text == "'"
      ? "unexpected character '''; strings are written in double quotes"
      : "unexpected character '\(text)'"
  }

  /// `unexpected 'foo' after 'info'`
  static func unexpected(_ found: String, after previous: String) -> String {
    "unexpected \(found) after '\(previous)'"
  }

  /// `unknown command 'matirx'; did you mean 'matrix'?`
  static func unknownCommand(_ word: String, suggestion: String?) -> String {
    "unknown command '\(word)'" + didYouMean(suggestion)
  }

  /// `unknown help topic 'matirx'; did you mean 'matrix'?`
  static func unknownHelpTopic(_ word: String, suggestion: String?) -> String {
    "unknown help topic '\(word)'" + didYouMean(suggestion)
  }

  /// `unknown option 'sortt' for 'matrix'; did you mean 'sort'?`
  static func unknownOption(_ word: String, command: String, suggestion: String) -> String {
    "unknown option '\(word)' for '\(command)'" + didYouMean(suggestion)
  }

  /// `unknown predicate 'corect'; did you mean 'correct'?`
  static func unknownPredicate(_ word: String, suggestion: String) -> String {
    "unknown predicate '\(word)'" + didYouMean(suggestion)
  }

  /// `unterminated string literal`
  static let unterminatedString = "unterminated string literal"

  /// `; did you mean 'x'?`, or nothing.
  static func didYouMean(_ suggestion: String?) -> String {
    suggestion.map { "; did you mean '\($0)'?" } ?? ""
  }

  // MARK: - Evaluation

  /// `'bins' is for numeric attributes; 'source' has categories`
  static func binsNeedNumbers(_ field: String) -> String {
    "'bins' is for numeric attributes; '\(field)' has categories"
  }

  /// `'<' cannot compare classes; use '=' or '!='`
  static func cannotCompareClasses(_ op: String) -> String { "'\(op)' cannot compare classes; use '=' or '!='" }

  /// `cannot project: …`
  static func cannotProject(_ reason: String) -> String { "cannot project: \(reason)" }

  /// A closed definition that would nest too deep to be read back.
  static func definitionTooDeep(_ limit: Int) -> String {
    "this definition would nest deeper than \(limit) levels once each 'in <subset>' is "
      + "replaced by that subset's definition; define it from fewer nested subsets"
  }

  /// A closed definition that would grow too large.
  static func definitionTooLarge(_ limit: Int) -> String {
    "this definition would have more than \(limit) conditions once each 'in <subset>' "
      + "is replaced by that subset's definition; define it from fewer nested subsets"
  }

  /// `'<id list>':12: no instance has id 99 (and 3 more ids not in the bundle)`
  static func listedIDNotInBundle(_ path: String, line: Int, id: Int64, others: Int) -> String {
    "\(path):\(line): no instance has id \(id)" + (others > 0 ? " (and \(others) more ids not in the bundle)" : "")
  }

  /// `'neurons by dead' needs the instances: …`
  static func notInAggregates(_ statistic: String, layer: String, sample: Int) -> String {
    "'neurons by \(statistic)' is not in the bundle's aggregates of layer '\(layer)' (they hold count, mean, std, "
      + "min and max); the bundle's \(sample) instances are only a sample"
  }

  /// The instance `neighbors` starts from has no distance to anything.
  static func neighborsOfUnplaceable(_ id: Int64, layer: String, metric: String) -> String {
    "#\(id) has NaN or infinite activations in layer '\(layer)'"
      + (metric == "cosine" ? " (or all zero)" : "") + "; it has no \(metric) distance to any instance"
  }

  static let noBundle = "no bundle is loaded; use 'load <path>' first"

  /// `the bundle has no 'text' column`
  static func noColumn(_ name: String) -> String { "the bundle has no '\(name)' column" }

  /// `the bundle 'x' has no graph (no graph.json)`
  static func noGraph(_ bundle: String) -> String { "the bundle '\(bundle)' has no graph (no graph.json)" }

  static let noGroups = "the graph has no groups to expand or collapse"

  /// `no instance has id 7 (ids run from 100 to 278)`
  static func noInstance(_ id: Int64, span: String) -> String { "no instance has id \(id) (\(span))" }

  /// A neuron condition with no layer to read.
  static func noLayerForNeuronCondition(layers: String) -> String {
    "no layer is selected for this neuron condition; use 'select layer <name>' or write "
      + "'neuron … of layer <name>' (layers: \(layers))"
  }

  /// `no layer is selected; use 'select layer <name>' (layers: 'a', 'b')`
  static func noLayerSelected(layers: String) -> String {
    "no layer is selected; use 'select layer <name>' (layers: \(layers))"
  }

  static let noScoreColumns = "the bundle has no 'score:<class>' columns"

  /// `layer 'fc' has neurons 0 to 5; there is no neuron 9`
  static func noSuchNeuron(_ index: Int, layer: String, columns: Int) -> String {
    "layer '\(layer)' has neurons 0 to \(columns - 1); there is no neuron \(index)"
  }

  /// `'length' has no value in any instance; no subset defined`
  static func noValueToSplit(_ field: String) -> String { "'\(field)' has no value in any instance; no subset defined" }

  /// `'#38' is not a row of the matrix`
  static func notARow(_ label: String) -> String { "'\(label)' is not a row of the matrix" }

  static let nothingToExport = "nothing to export yet: run a command that shows a result first"
  static let nothingToSave = "nothing to save: no bundle is loaded"

  /// `layer 'fc' has neurons 0 to 5; '3..9' is outside`
  static func neuronRangeOutside(layer: String, columns: Int, _ span: ClosedRange<Int>) -> String {
    "layer '\(layer)' has neurons 0 to \(columns - 1); '\(span.lowerBound)..\(span.upperBound)' is outside"
  }

  /// `'length' is numeric; expected a number, found 'x'`
  static func numericField(_ field: String, found: String) -> String {
    "'\(field)' is numeric; expected a number, found '\(found)'"
  }

  static let panelNeedsLabels = "the bundle has no 'label' column, so instances cannot be grouped by class"
  static let panelNeedsPredictions = "the bundle has no 'predicted' column, so nothing tells correct from misclassified"
  /// `'perplexity' is a t-SNE option; UMAP has none` and the like: an option given to a
  /// projection method that has no such option.
  static func projectionOption(_ option: String, isFor owner: String, not method: String) -> String {
    "'\(option)' is a \(owner) option; \(method) has none"
  }

  /// `min dist must be in (0, 1]; found 1.5`
  static func minimumDistanceOutOfRange(_ value: Double) -> String {
    "min dist must be in (0, 1]; found \(NumberFormat.short(value))"
  }

  /// `UMAP with neighbors 15 needs at least 16 instances; 'w' has 10`
  static func tooFewForNeighbors(_ scope: String, _ count: Int, neighbors: Int) -> String {
    "UMAP with neighbors \(neighbors) needs at least \(neighbors + 1) instances; \(scope) has \(count)"
  }

  /// A regular expression stopped on one text.
  static func regularExpressionGaveUp(_ pattern: String, seconds: Int, id: Int64) -> String {
    "regular expression '\(pattern)' gave up after \(seconds) s on the text of #\(id): "
      + "it backtracks too much (nested repetition such as '(a+)+'?); simplify it"
  }

  /// `'by auroc' compares two classes or subsets; #38 is one instance`
  static func rankingNeedsTwoGroups(_ ranking: String, reason: String) -> String {
    "'by \(ranking)' compares two classes or subsets; \(reason)"
  }

  /// `'NUM' is a class name; choose another name for the subset`
  static func subsetNamedLikeAClass(_ name: String) -> String {
    "'\(name)' is a class name; choose another name for the subset"
  }

  /// `only 3 of the instances have finite activations; nothing to project`
  static func tooFewFinite(_ count: Int) -> String {
    "only \(count) of the instances have finite activations; nothing to project"
  }

  /// `'w' has 3 instances; a projection needs at least 4`
  static func tooFewToProject(_ scope: String, _ count: Int) -> String {
    "\(scope) has \(count) \(count == 1 ? "instance" : "instances"); a projection needs at least 4"
  }

  /// `at most 64 bins`
  static func tooManyBins(_ maximum: Int) -> String { "at most \(maximum) bins" }

  /// `'city' has 70 values; 'subsets by' defines at most 64 subsets`
  static func tooManyValuesToSplit(_ field: String, _ count: Int, maximum: Int) -> String {
    "'\(field)' has \(count) values; 'subsets by' defines at most \(maximum) subsets"
  }

  // MARK: - diff

  /// Two bundles with no instance id in common.
  static func diffNoSharedIDs(_ path: String, here: Int, there: Int) -> String {
    "'\(path)' shares no instance id with this bundle (\(here) and \(there) instances); "
      + "'diff' compares the same instances seen by two models"
  }

  /// Two bundles with no layer name in common.
  static func diffNoCommonLayers(_ path: String, here: [String], there: [String]) -> String {
    "'\(path)' has no layer named as one of this bundle's (here: \(here.joined(separator: ", ")); "
      + "there: \(there.joined(separator: ", "))); 'diff \(Lexer.quoted(path)) all' compares every layer with every layer"
  }

  /// A layer whose CKA is undefined.
  static func ckaUndefined(_ layer: String, firstConstant: Bool, secondConstant: Bool, otherName: String) -> String {
    let which = firstConstant && secondConstant ? "in both bundles" : firstConstant ? "here" : "in \(otherName)"
    return "\(layer): CKA undefined, the activations are constant \(which) over the instances used"
  }

  /// The other bundle could not be opened.
  static func diffCannotOpen(_ reason: String) -> String { "cannot compare with it: \(reason)" }

  /// `matrix layers a a`
  static func layerGivenTwice(_ name: String) -> String { "layer '\(name)' is given twice" }

  /// `matrix layers` without a layer.
  static let matrixLayersNeedsALayer = "'matrix layers' needs at least one layer name, e.g. 'matrix layers conv1 concat'"
}

// MARK: - Separability

extension Messages {
  /// `class 'ABBR' has 3 labelled instances in 'whatis', fewer than the 5 folds of the probe; …`
  static func classSmallerThanFolds(_ name: String, _ count: Int, among: String, folds: Int, layer: String?) -> String {
    let finite = layer.map { " with finite activations in layer \($0)" } ?? ""
    return "class '\(name)' has \(count) labelled \(count == 1 ? "instance" : "instances")\(finite) in \(among), "
      + "fewer than the \(folds) folds of the probe; measure a subset without it "
      + "(subset s = where label != \(name)) or with more of it"
  }

  /// `'separability' needs labelled instances of at least two classes; 'whatis' has only NUM`
  static func separabilityNeedsTwoClasses(_ among: String, only: String?) -> String {
    "'separability' needs labelled instances of at least two classes; \(among) has "
      + (only.map { "only \($0)" } ?? "none")
  }
}
