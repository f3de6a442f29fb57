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
    // The candidates chosen so far, by size: a candidate with the members of another is left out.
    var chosenOfSize: [Int: [Int]] = [:]
    var chosen: [(definition: PredicateNode, members: InstanceSet)] = []
    let total = base.count
    // The phrases and their members from one pass over the texts (see `LeadingPhraseIndex`).
    let phraseIndex = candidates.phraseIndex
    let phrases = candidates.phraseTexts(in: phraseIndex)
    let phraseMembers = phraseIndex?.members(of: phrases, among: base) ?? []
    // The other candidates (one thread) while the population is read (another).
    let (others, (population, rows, left)) = try Concurrently.run(
      { candidates.others }, { try suggestionPopulation(base, layer: layer, labels: bundle.instances.labels) })
    let nodes = zip(phrases, phraseMembers).map { (predicate: candidates.startsWith($0), members: Optional($1)) }
      + others
    for (candidate, found) in nodes {
      let definition = className.map { candidates.and(candidates.label($0.value), candidate) } ?? candidate
      // With a class, `definition` is `label = CLASS and candidate`, and `base` is that class.
      let members = try found ?? evaluator.evaluate(candidate).intersection(base)
      let size = members.count
      guard size >= Self.minimumSuggestionSize, total - size >= Self.minimumSuggestionSize,
            !(chosenOfSize[size] ?? []).contains(where: { chosen[$0].members == members }) else { continue }
      chosenOfSize[size, default: []].append(chosen.count)
      chosen.append((definition, members))
    }
    let divergences = population.divergences(of: chosen.map { candidate in
      rows.indices.filter { candidate.members.contains(rows[$0]) }
    })
    let scored = Array(divergences.enumerated())
    let ranked = scored.sorted { ($0.1 ?? -1, -$0.0) > ($1.1 ?? -1, -$1.0) }.prefix(top?.value ?? Self.defaultSuggestions)
    let instances = bundle.instances
    // Accuracy: correct / labelled (label and prediction both known) among the members.
    let outcomes = instances.labels.flatMap { labels in
      instances.predicted.map { predicted in
        (labelled: InstanceSet(capacity: instances.count) { labels[$0] >= 0 && predicted[$0] >= 0 },
         correct: InstanceSet(capacity: instances.count) { labels[$0] >= 0 && labels[$0] == predicted[$0] })
      }
    }
    let table: [[Cell]] = ranked.map { order, divergence in
      let (definition, members) = chosen[order]
      var accuracy = Cell.missing
      if let outcomes, case let labelled = members.intersectionCount(outcomes.labelled), labelled > 0 {
        accuracy = .double(Double(members.intersectionCount(outcomes.correct)) / Double(labelled))
      }
      return [.text(SourceText.predicate(definition)), .int(members.count), accuracy,
              divergence.map { .double($0) } ?? .missing]
    }
    let among = className.map { "the other instances of \($0.value)" } ?? "the other instances of the same class"
    var notes = ["divergence in layer \(layer.name) from \(among): √max(0, mean over neurons of d² − "
      + "(1/|S| + 1/|R|)), d = Cohen's d of each neuron on activations centred on their class's mean; 0 is no "
      + "more than chance; 'subset <name> = where <definition>' makes one",
                 "\(chosen.count) candidates of at least \(Self.minimumSuggestionSize) instances"]
    if rows.count + left < total {
      notes.append("divergence on a sample of \(rows.count + left) of \(total) instances")
    }
    if left > 0 {
      notes.append("\(left) \(left == 1 ? "instance" : "instances") with NaN or infinite activations left out of the divergence")
    }
    if let note = sampleNote("candidates and sizes", in: workspace.bundle) { notes.append(note) }
    return .table(ResultTable(columns: ["definition", "size", "accuracy", "divergence"], rows: table, notes: notes))
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
