import ActivisCore
import ActivisProjection

extension Evaluator {
  /// Suggestions listed when `top` is not given.
  static let defaultSuggestions = 10
  /// The fewest instances a suggested subset has, and leaves outside it.
  static let minimumSuggestionSize = 10
  /// Instances the divergence is computed over, at most.
  static let suggestionSample = 20_000

  /// `suggest [for CLASS] [top N]`: candidate subsets ranked by how far
  /// their mean activation pattern in the current layer is from the rest
  /// of the class (or of all instances); see `SubsetDivergence`.
  func suggest(for className: Located<String>?, top: Located<Int>?, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let layer = try workspace.requireLayer(at: range)
    var base = InstanceSet.all(bundle.instances.count)
    if let className {
      guard bundle.instances.labels != nil else { throw Diagnostic.error(Messages.noColumn("label"), at: range) }
      guard let index = bundle.classIndex(className.value) else {
        throw Diagnostic.unknownName("class", className.value, among: bundle.classes, at: className.range)
      }
      base = workspace.classMembers[index]
    }
    let candidates = SuggestionCandidates(base: base, instances: bundle.instances, range: range,
                                          minimumSize: Self.minimumSuggestionSize)
    let evaluator = PredicateEvaluator(workspace: workspace)
    let total = base.count
    // The phrases and their sizes from one pass over the texts (see `LeadingPhraseIndex`).
    let phraseIndex = candidates.phraseIndex
    let phrases = SuggestionPhrases(candidates.phrases(in: phraseIndex), index: phraseIndex, base: base)
    // The population is read while the candidates of each attribute are found, on all cores.
    let parts = try Concurrently.map(1 + bundle.instances.attributes.count) { task -> SuggestionWork in
      task == 0 ? .population(try suggestionPopulation(base, layer: layer, labels: bundle.instances.labels))
        : .candidates(candidates.attributeCandidates(column: task - 1))
    }
    guard case .population(let (population, rows, left)) = parts[0] else { preconditionFailure("population first") }
    var others = candidates.misclassified
    for case .candidates(let found) in parts.reversed() { others.insert(contentsOf: found, at: 0) }
    // With a class, a definition is `label = CLASS and candidate`, and `base` is that class.
    let definition = { (candidate: PredicateNode) in
      className.map { candidates.and(candidates.label($0.value), candidate) } ?? candidate
    }
    var choices = SuggestionChoices(phrases: phrases, total: total, minimumSize: Self.minimumSuggestionSize)
    for (index, phrase) in phrases.phrases.enumerated() {
      choices.consider(definition(candidates.startsWith(phrase)), size: phrases.counts[index], .phrase(index))
    }
    for (candidate, found) in others {
      let members = try found ?? evaluator.evaluate(candidate).intersection(base)
      choices.consider(definition(candidate), size: members.count, .set(members))
    }
    let divergences = population.divergences(of: choices.positions(among: rows, texts: bundle.instances.text))
    let ranked = divergences.indices.sorted { (divergences[$0] ?? -1, -$0) > (divergences[$1] ?? -1, -$1) }
      .prefix(top?.value ?? Self.defaultSuggestions)
    let accuracies = try workspace.outcomes.sets.map { try choices.accuracies(of: Array(ranked), outcomes: $0) }
    let table: [[Cell]] = ranked.enumerated().map { place, position in
      let choice = choices.kept[position]
      return [.text(SourceText.predicate(choice.definition)), .int(choice.size),
              accuracies?[place].map { .double($0) } ?? .missing, divergences[position].map { .double($0) } ?? .missing]
    }
    let among = className.map { "the other instances of \($0.value)" } ?? "the other instances of the same class"
    var notes = ["divergence in layer \(layer.name) from \(among): √max(0, mean over neurons of d² − "
      + "(1/|S| + 1/|R|)), d = Cohen's d of each neuron on activations centred on their class's mean; 0 is no "
      + "more than chance; 'subset <name> = where <definition>' makes one",
                 "\(choices.kept.count) candidates of at least \(Self.minimumSuggestionSize) instances"]
    if rows.count + left < total {
      notes.append("divergence on a sample of \(rows.count + left) of \(total) instances")
    }
    if left > 0 {
      notes.append("\(left) \(left == 1 ? "instance" : "instances") with NaN or infinite activations left out of the divergence")
    }
    if let note = sampleNote("candidates and sizes", in: workspace.bundle) { notes.append(note) }
    return .table(ResultTable(columns: ["definition", "size", "accuracy", "divergence"], rows: table, notes: notes))
  }

  /// What one task of `suggest` found: the population, or an attribute's candidates.
  enum SuggestionWork {
    case population((divergence: SubsetDivergence, rows: [Int], left: Int))
    case candidates([(predicate: PredicateNode, members: InstanceSet?)])
  }

  /// The activations of `base` (a sample of it when large) with finite
  /// values, grouped by class (unlabelled rows in a group of their own),
  /// the rows they are, and how many rows were left out as non-finite.
  private func suggestionPopulation(_ base: InstanceSet, layer: Layer, labels: [Int32]?) throws
    -> (SubsetDivergence, [Int], Int)
  {
    let rows = Sampling.rows(base.rows, limit: Self.suggestionSample, seed: 0)
    let (population, kept) = try SubsetDivergence.population(
      rows: rows, of: layer.matrix, groups: labels.map { labels in { Int(labels[$0]) + 1 } })
    return (population, kept, rows.count - kept.count)
  }
}
