import ActivisCore

/// The leading-phrase candidates of `suggest`, whose members among all the
/// base's instances are found only where a phrase needs them: its size
/// comes from the phrase index, its rows in the divergence's sample from one
/// walk of the phrases' trie over the sample's texts, the accuracy of a
/// listed phrase from counts per longest phrase, and its whole set only for
/// a tie in size with another kind of candidate.
final class SuggestionPhrases {
  /// The phrases, longest first, and how many of the base's texts each begins.
  let phrases: [String]
  let counts: [Int]
  private let index: LeadingPhraseIndex?
  private let base: InstanceSet
  private var found: [Int: InstanceSet] = [:]

  init(_ phrases: [(phrase: String, count: Int)], index: LeadingPhraseIndex?, base: InstanceSet) {
    self.phrases = phrases.map(\.phrase)
    counts = phrases.map(\.count)
    self.index = index
    self.base = base
  }

  /// Per phrase, the positions in `rows` (ascending) of the rows whose
  /// text starts with it.
  func positions(in column: TextColumn?, rows: [Int]) -> [[Int]] {
    guard let column, !phrases.isEmpty else { return phrases.map { _ in [] } }
    return PrefixMembers(prefixes: phrases.map { Array($0.utf8) }).positions(in: column, rows: rows)
  }

  /// Whether phrases `a` and `b` begin the same texts. Texts that start
  /// with two phrases start with the longer, one phrase beginning the
  /// other; so two phrases have the same members exactly when one begins
  /// the other and they begin as many texts.
  func haveSameMembers(_ a: Int, _ b: Int) -> Bool {
    counts[a] == counts[b] && (phrases[a].utf8.starts(with: phrases[b].utf8) || phrases[b].utf8.starts(with: phrases[a].utf8))
  }

  /// Per phrase of `wanted`, how many instances of `rows` among the base
  /// have a text that starts with it.
  func counts(of wanted: [Int], among rows: InstanceSet) -> [Int] {
    guard let index else { return wanted.map { _ in 0 } }
    return index.counts(of: wanted.map { phrases[$0] }, among: rows)
  }

  /// The members among the base of phrase number `phrase`, found once.
  func members(of phrase: Int) -> InstanceSet {
    if let members = found[phrase] { return members }
    let members = index?.members(of: [phrases[phrase]], among: base)[0] ?? InstanceSet(capacity: base.capacity)
    found[phrase] = members
    return members
  }
}
