import ActivisCore

/// The candidates `suggest` keeps, in the order considered: each has at
/// least `minimumSize` instances of the base and leaves as many out, and
/// none has the members of one kept before it.
struct SuggestionChoices {
  /// A candidate's members: a leading phrase's (found where needed, see
  /// `SuggestionPhrases`), or a set.
  enum Members {
    case phrase(Int)
    case set(InstanceSet)

    /// The phrase, for a candidate that is one.
    var phrase: Int? { if case .phrase(let index) = self { index } else { nil } }
  }

  struct Choice {
    let definition: PredicateNode
    let size: Int
    let members: Members
  }

  let phrases: SuggestionPhrases
  /// The instances of the base, and the fewest a candidate has and leaves out.
  let total: Int
  let minimumSize: Int
  private(set) var kept: [Choice] = []
  /// The candidates kept, by size.
  private var keptOfSize: [Int: [Int]] = [:]

  init(phrases: SuggestionPhrases, total: Int, minimumSize: Int) {
    self.phrases = phrases
    self.total = total
    self.minimumSize = minimumSize
  }

  /// Keeps the candidate unless it is too small or too large, or another
  /// kept has its members.
  mutating func consider(_ definition: PredicateNode, size: Int, _ members: Members) {
    guard size >= minimumSize, total - size >= minimumSize,
          !(keptOfSize[size] ?? []).contains(where: { isSame(members, kept[$0].members) }) else { return }
    keptOfSize[size, default: []].append(kept.count)
    kept.append(Choice(definition: definition, size: size, members: members))
  }

  /// Whether two candidates of one size have the same members.
  private func isSame(_ first: Members, _ second: Members) -> Bool {
    switch (first, second) {
    case let (.phrase(a), .phrase(b)): phrases.haveSameMembers(a, b)
    case let (.phrase(index), .set(members)), let (.set(members), .phrase(index)):
      phrases.members(of: index) == members
    case let (.set(a), .set(b)): a == b
    }
  }

  /// Each candidate's rows among the population rows `rows` (ascending), as
  /// positions in `rows`.
  func positions(among rows: [Int], texts: TextColumn?) -> [[Int]] {
    let phrasePositions = phrases.positions(in: texts, rows: rows)
    return kept.map { choice in
      switch choice.members {
      case .phrase(let index): phrasePositions[index]
      case .set(let members): rows.indices.filter { members.contains(rows[$0]) }
      }
    }
  }

  /// The accuracy of each of the kept candidates `listed` (positions in
  /// `kept`): correct / (correct + mistaken) among its members, nil when
  /// none is either; a phrase's from counts per leading phrase.
  func accuracies(of listed: [Int], outcomes: (correct: InstanceSet, misclassified: InstanceSet)) throws
    -> [Double?]
  {
    let listedPhrases = listed.compactMap { kept[$0].members.phrase }
    let (phrasesCorrect, phrasesMistaken) = try Concurrently.run(
      { phrases.counts(of: listedPhrases, among: outcomes.correct) },
      { phrases.counts(of: listedPhrases, among: outcomes.misclassified) })
    var nextPhrase = 0
    return listed.map { position in
      let (correct, mistaken): (Int, Int)
      switch kept[position].members {
      case .phrase:
        (correct, mistaken) = (phrasesCorrect[nextPhrase], phrasesMistaken[nextPhrase])
        nextPhrase += 1
      case .set(let members):
        (correct, mistaken) = (members.intersectionCount(outcomes.correct),
                               members.intersectionCount(outcomes.misclassified))
      }
      return correct + mistaken > 0 ? Double(correct) / Double(correct + mistaken) : nil
    }
  }
}
