/// `project tsne|pca` and its options.
extension Parser {
  /// The option words of `project`, in the order help lists them.
  static let projectionOptions = ["of", "sample", "perplexity", "iterations", "learning", "seed",
                                  "init"]

  /// Parse `project tsne|pca [of <subset>] [sample N] [perplexity X]
  /// [iterations N] [learning rate X] [seed N] [init pca|random]`, options in
  /// any order, each at most once.
  mutating func parseProject() throws -> Command {
    advance()
    let word = try expectKeyword(oneOf: ["tsne", "pca"])
    let method = Located(ProjectionMethod(rawValue: word.value) ?? .tsne, word.range)
    var request = ProjectionRequest(method: method)
    var seen: Set<String> = []
    var progress = LoopProgress()
    while !current.endsCommand, progress.advanced(to: lexer.offset) {
      let option = try expectOption(of: "project", among: Self.projectionOptions)
      guard seen.insert(option.value).inserted else {
        let name = option.value == "learning" ? "learning rate" : option.value
        throw duplicate(Located(name, option.range))
      }
      if option.value == "of" {
        request.subset = try expectName("a subset name")
      } else {
        let parameter = try parseProjectionParameter(option.value)
        request.parameters.append(Located(parameter, option.range.union(previous.range)))
      }
    }
    return .project(request)
  }

  /// Parse the value of one `project` option named `option`.
  mutating func parseProjectionParameter(_ option: String) throws -> ProjectionParameter {
    switch option {
    case "sample": return .sample(try expectInteger(minimum: ProjectionRequest.minimumSample).value)
    case "perplexity": return .perplexity(try expectNumber(positive: true).value)
    case "iterations": return .iterations(try expectInteger(minimum: 1).value)
    case "learning":
      _ = try expectKeyword(oneOf: ["rate"])
      return .learningRate(try expectNumber(positive: true).value)
    case "seed":
      guard case .number = current.kind, let seed = UInt64(current.text) else {
        throw expected("a non-negative integer")
      }
      advance()
      return .seed(seed)
    default:
      let method = try expectKeyword(oneOf: ["pca", "random"])
      return .initialization(method.value == "pca" ? .pca : .random)
    }
  }
}
