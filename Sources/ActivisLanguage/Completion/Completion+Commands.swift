/// Completion inside the commands that take options or predicates.
extension Completion {
  /// After `subset …`: a name, `=`, `where`, then a predicate.
  static func expectedInSubset(_ words: [String]) -> Expected {
    if let whereIndex = words.dropFirst().firstIndex(of: "where"),
       whereIndex == 1 || (whereIndex == 3 && words[2] == "=") {
      return expectedInPredicate(Array(words[(whereIndex + 1)...]))
    }
    if words.count == 2 && words[1] == "from" || words.count == 4 && words[2] == "=" && words[3] == "from" {
      return Expected(.file)
    }
    switch words.count {
    case 1: return .keywords(["where", "from"])
    case 2: return .keywords(["="])
    case 3 where words[2] == "=": return .keywords(["where", "from"])
    default: return .nothing
    }
  }

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
    case "score": return Expected(.className)
    case "correct", "misclassified": return connectives
    default: return .nothing
    }
  }

  /// After `matrix …`: its options, `by`, then a row or an order.
  static func expectedInMatrix(_ words: [String]) -> Expected {
    let last = words[words.count - 1]
    if last == "sort" { return .keywords(["by"]) }
    if last == "by" { return Expected(.row, ["variance", "cluster"]) }
    if last == "neurons" || last == ".." || words.dropLast().last == "neurons" { return .nothing }
    return unused(["neurons", "sort"], in: words)
  }

  /// After `project …`: a method, then options and their values.
  static func expectedInProject(_ words: [String]) -> Expected {
    let last = words[words.count - 1]
    switch last {
    case _ where words.count == 1: return .keywords(["tsne", "pca"])
    case "of": return Expected(.subset)
    case "learning": return .keywords(["rate"])
    case "init": return .keywords(["pca", "random"])
    case "sample", "perplexity", "iterations", "rate", "seed": return .nothing
    default: return unused(Parser.projectionOptions, in: words)
    }
  }

  /// After `neurons …`: `by` with a statistic, `top` with a count.
  static func expectedInNeurons(_ words: [String]) -> Expected {
    switch words[words.count - 1] {
    case "by": return .keywords(NeuronStatistic.allCases.map(\.rawValue))
    case "top": return .nothing
    default: return unused(["by", "top"], in: words)
    }
  }

  /// The options not yet written.
  static func unused(_ options: [String], in words: [String]) -> Expected {
    let left = options.filter { !words.dropFirst().contains($0) }
    return left.isEmpty ? .nothing : .keywords(left)
  }
}
