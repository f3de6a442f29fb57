@testable import ActivisLanguage

/// Renders parsed commands as compact S-expressions without ranges, so tests
/// can state expected trees by hand: `(subset w (and correct (not (in s1))))`.
enum TreeDump {
  /// The commands of `line`, `;`-separated, or the first diagnostic's message.
  static func parse(_ line: String) -> String {
    let parsed = Parser.parse(line: line)
    if let diagnostic = parsed.diagnostics.first { return "error: \(diagnostic.message)" }
    return parsed.commands.map { command($0.command) }.joined(separator: "; ")
  }

  static func command(_ command: Command) -> String {
    switch command {
    case .load(let path): return "(load \(quote(path.value)))"
    case .info: return "(info)"
    case .graph(let graph): return "(graph" + self.graph(graph) + ")"
    case .layers: return "(layers)"
    case .selectLayer(let name): return "(select-layer \(name.value))"
    case .instances(let name): return "(instances" + (name.map { " " + $0.value } ?? "") + ")"
    case .show(let id): return "(show #\(id.value))"
    case .defineSubset(let name, let predicate):
      return "(subset \(name?.value ?? "_") \(self.predicate(predicate)))"
    case .subsets: return "(subsets)"
    case .subsetFromFile(let name, let path):
      return "(subset \(name.map { quote($0.value) } ?? "-") from \(quote(path.value)))"
    case .subsetsBy(let field, let bins):
      return "(subsets by \(quote(field.value))\(bins.map { " bins \($0.value)" } ?? ""))"
    case .members(let name): return "(members \(name.value))"
    case .matrix(let options): return "(matrix" + matrix(options) + ")"
    case .add(let rows): return "(add " + rows.map(row).joined(separator: " ") + ")"
    case .remove(let rows): return "(remove " + rows.map(row).joined(separator: " ") + ")"
    case .compare(let rows, let top):
      return "(compare " + rows.map(row).joined(separator: " ")
        + (top.map { " top \($0.value)" } ?? "") + ")"
    case .project(let request): return project(request)
    case .colorBy(let key): return "(color \(color(key.value)))"
    case .neurons(let query):
      return "(neurons" + (query.ranking.map { " by \($0.value.rawValue)" } ?? "")
        + (query.top.map { " top \($0.value)" } ?? "") + ")"
    case .export(let format, let path):
      return "(export \(format.value.rawValue) \(quote(path.value)))"
    case .setFormat(let format): return "(format \(format.value.rawValue))"
    case .help(let topic): return "(help" + (topic.map { " " + $0.value } ?? "") + ")"
    case .quit: return "(quit)"
    case .save(let path): return "(save \(quote(path.value)))"
    case .setTimer(let on): return "(timer \(on.value ? "on" : "off"))"
    }
  }

  static func graph(_ graph: GraphCommand) -> String {
    switch graph {
    case .overview: return ""
    case .node(let node): return " node \(node.value)"
    case .depth(let depth): return " depth \(depth.value)"
    case .expand(let group): return " expand \(group.value)"
    case .collapse(let group): return " collapse \(group.value)"
    }
  }

  static func matrix(_ options: MatrixOptions) -> String {
    var text = ""
    if let range = options.neurons?.value {
      text += " neurons \(range.lowerBound)..\(range.upperBound)"
    }
    switch options.order?.value {
    case nil: break
    case .stored: text += " sort stored"
    case .variance: text += " sort variance"
    case .cluster: text += " sort cluster"
    case .row(let reference): text += " sort " + row(reference)
    }
    return text
  }

  static func row(_ row: RowReference) -> String {
    switch row {
    case .instance(let id): return "#\(id.value)"
    case .name(let name): return name.value
    }
  }

  static func project(_ request: ProjectionRequest) -> String {
    var text = "(project \(request.method.value.rawValue)"
    if let subset = request.subset { text += " of \(subset.value)" }
    for parameter in request.parameters {
      switch parameter.value {
      case .sample(let n): text += " sample \(n)"
      case .perplexity(let x): text += " perplexity \(x)"
      case .iterations(let n): text += " iterations \(n)"
      case .learningRate(let x): text += " rate \(x)"
      case .seed(let n): text += " seed \(n)"
      case .initialization(let method): text += " init \(method.rawValue)"
      }
    }
    return text + ")"
  }

  static func color(_ key: ColorKey) -> String {
    switch key {
    case .label: return "label"
    case .predicted: return "predicted"
    case .correct: return "correct"
    case .attribute(let name): return "attribute \(quote(name))"
    case .subset(let name): return "subset \(quote(name))"
    }
  }

  static func predicate(_ node: PredicateNode) -> String {
    switch node.predicate {
    case .and(let a, let b): return "(and \(predicate(a)) \(predicate(b)))"
    case .or(let a, let b): return "(or \(predicate(a)) \(predicate(b)))"
    case .not(let a): return "(not \(predicate(a)))"
    case .text(let op, let value): return "(text \(op.value.rawValue) \(quote(value.value)))"
    case .comparison(let field, let op, let value):
      return "(\(op.value.rawValue) \(quote(field.value)) \(literal(value.value)))"
    case .score(let name, let op, let value):
      return "(score \(name.value) \(op.value.rawValue) \(value.value))"
    case .neuron(let reference, let layer, let op, let value):
      let target: String
      switch reference.value {
      case .index(let index): target = "\(index)"
      case .name(let name): target = quote(name)
      }
      let scope = layer.map { " of layer \(quote($0.value))" } ?? ""
      return "(neuron \(target)\(scope) \(op.value.rawValue) \(value.value))"
    case .correct: return "correct"
    case .misclassified: return "misclassified"
    case .inSubset(let name): return "(in \(name.value))"
    case .inFile(let path): return "(in file \(quote(path.value)))"
    }
  }

  static func literal(_ literal: Literal) -> String {
    switch literal {
    case .number(let value, let text): return "\(text)=\(value)"
    case .string(let string): return quote(string)
    case .word(let word): return "word:\(word)"
    }
  }

  static func quote(_ text: String) -> String { "\"\(text)\"" }
}
