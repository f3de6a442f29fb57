/// Completion inside a predicate, the one part of a command its declaration leaves to the predicate parser.
extension Completion {
  /// Inside a predicate, after `words`.
  static func expectedInPredicate(_ words: [String]) -> Expected {
    let operators = ["=", "!=", "<", "<=", ">", ">=", "==", "<>"]
    let connectives = Expected.keywords(["and", "or"])
    guard let last = words.last, !["and", "or", "not", "("].contains(last) else {
      return Expected(.attribute, Parser.predicateKeywords)
    }
    let before = words.count > 1 ? words[words.count - 2] : ""
    if operators.contains(last) {
      return ["label", "predicted"].contains(before) ? Expected(.className) : .nothing
    }
    if before == "in" && last == "file" { return Expected(.file) }
    if before == "changed" && last == "from" { return Expected(.file) }
    if words.count > 2, words[words.count - 3] == "changed", before == "from" { return connectives }
    if words.count > 2, words[words.count - 3] == "in", before == "file" { return connectives }
    if before == "neuron" { return .keywords(["of"]) }
    if last == "of", words.count > 2, words[words.count - 3] == "neuron" { return .keywords(["layer"]) }
    if before == "of", last == "layer" { return Expected(.layer) }
    if operators.contains(before) || before == "in" || last == ")" { return connectives }
    if ["starts", "ends", "contains", "matches"].contains(before),
       words.count > 2, words[words.count - 3] == "text" {
      return connectives
    }
    switch last {
    case "text": return .keywords(["starts", "ends", "contains", "matches"])
    case "in": return Expected(.subsetOrClass, ["file"])
    case "changed": return .keywords(["from"])
    case "score": return Expected(.className)
    case "correct", "misclassified": return connectives
    default: return .nothing
    }
  }
}
