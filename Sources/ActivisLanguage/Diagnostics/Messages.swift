/// Every message the lexer and parser can report, in one place (please keep
/// sorted alphabetically).
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
}
