import ActivisCore

/// The subsets `suggest` considers, as predicates: leading phrases of the
/// text, categorical values, quartile ranges of numeric attributes, and
/// `misclassified`, found among the instances of `base`.
struct SuggestionCandidates {
  /// The instances looked at (a class, or every instance).
  let base: InstanceSet
  let instances: InstanceTable
  /// Where the predicates point in the command, for messages.
  let range: SourceRange
  /// A phrase must begin at least this many texts to be a candidate.
  let minimumSize: Int

  /// Words of the longest leading phrase.
  static let phraseWords = 3
  /// Ranges of a numeric attribute.
  static let bins = 4

  /// `misclassified`, when the instances have labels and predictions; to
  /// be evaluated.
  var misclassified: [(predicate: PredicateNode, members: InstanceSet?)] {
    instances.labels != nil && instances.predicted != nil ? [(node(.misclassified), nil)] : []
  }

  /// `text starts "<phrase>"`.
  func startsWith(_ phrase: String) -> PredicateNode {
    node(.text(Located(.starts, range), Located(phrase, range)))
  }

  /// The leading phrases of the base's texts; nil without a text column.
  var phraseIndex: LeadingPhraseIndex? {
    instances.text.map { LeadingPhraseIndex(column: $0, rows: base, words: Self.phraseWords) }
  }

  /// The first one to three words of the texts that begin at least
  /// `minimumSize` of them, with how many they begin, from `index`
  /// (`phraseIndex`); longest first, as of phrases that begin the same
  /// texts the longest says the most.
  func phrases(in index: LeadingPhraseIndex?) -> [(phrase: String, count: Int)] {
    guard let kept = index?.counts(minimum: minimumSize) else { return [] }
    let words = kept.map { $0.phrase.split(separator: " ").count }
    return kept.indices.sorted { (words[$0], kept[$1].phrase) > (words[$1], kept[$0].phrase) }.map { kept[$0] }
  }

  /// `<attribute> = <value>` per category of attribute number `column`, or
  /// its quartile ranges when numeric, among the base's instances, with
  /// their members (when found in one pass over the column, nil when the
  /// predicate is to be evaluated).
  func attributeCandidates(column: Int) -> [(predicate: PredicateNode, members: InstanceSet?)] {
    let attribute = instances.attributes[column]
    let field = Located(attribute.name, range)
    switch attribute.values {
    case .categorical(let codes, let categories):
      var present = [Bool](repeating: false, count: categories.count)
      base.forEachRow { if codes[$0] >= 0 { present[Int(codes[$0])] = true } }
      let shown = categories.indices.filter { present[$0] }
      // Sets of every category at once while there are few; one evaluation per category beyond.
      let members: [InstanceSet]? = categories.count <= Self.categoriesSplit
        ? base.split(into: categories.count) { Int(codes[$0]) } : nil
      return shown.map { code in
        (comparison(field, .equal, Evaluator.literal(categories[code])), members?[code])
      }
    case .numeric(let values):
      var inBase = values
      if base.count < instances.count {
        inBase = []
        inBase.reserveCapacity(base.count)
        base.forEachRow { inBase.append(values[$0]) }
      }
      guard let ranges = QuantileBins(values: inBase, count: Self.bins), ranges.count > 1 else { return [] }
      let members = base.split(into: ranges.count) { ranges.bin(of: values[$0]) ?? -1 }
      return (0 ..< ranges.count).map { bin in
        let (lower, upper) = ranges.bounds(of: bin)
        let parts = [lower.map { comparison(field, .greaterOrEqual, number($0)) },
                     upper.map { comparison(field, .less, number($0)) }].compactMap { $0 }
        return (parts.dropFirst().reduce(parts[0]) { and($0, $1) }, members[bin])
      }
    }
  }

  /// Categorical columns with at most this many categories have the
  /// members of all their values found in one pass.
  static let categoriesSplit = 64

  /// `left and right`.
  func and(_ left: PredicateNode, _ right: PredicateNode) -> PredicateNode { node(.and(left, right)) }

  private func node(_ predicate: Predicate) -> PredicateNode { PredicateNode(predicate, range: range) }

  private func comparison(_ field: Located<String>, _ op: ComparisonOperator, _ value: Literal) -> PredicateNode {
    node(.comparison(field: field, Located(op, range), Located(value, range)))
  }

  private func number(_ value: Double) -> Literal { .number(value, text: SourceText.number(value)) }

  /// `label = <class>`.
  func label(_ name: String) -> PredicateNode {
    comparison(Located("label", range), .equal, Evaluator.literal(name))
  }
}
