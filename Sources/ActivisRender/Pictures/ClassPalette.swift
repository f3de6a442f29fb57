/// Colours and letters for classes (or any categorical key), shared by the
/// scatter plot, the instance panel and the matrix so that one class looks
/// the same everywhere.
///
/// Colours follow Okabe and Ito's colour-blind-safe palette; past eight
/// keys they repeat, and the letters still tell the keys apart.
struct ClassPalette: Sendable {
  /// Okabe–Ito: orange, sky blue, bluish green, yellow, blue, vermillion,
  /// reddish purple, then grey.
  static let colors = [0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7, 0x999999]
    .map(RGBColor.init(hex:))

  /// The keys, sorted.
  let names: [String]
  /// One letter per key: its first letter when free, else the next free
  /// letter of its name, else any free letter or digit.
  let letters: [Character]
  private let indexByName: [String: Int]

  /// A palette for the distinct `values`, in sorted order.
  init(values: [String]) {
    names = Array(Set(values)).sorted()
    var used = Set<Character>()
    var letters: [Character] = []
    let fallback = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    for name in names {
      let candidates = name.uppercased().filter { $0.isLetter || $0.isNumber } + fallback
      let letter = candidates.first { !used.contains($0) } ?? "+"
      used.insert(letter)
      letters.append(letter)
    }
    self.letters = letters
    indexByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
  }

  var count: Int { names.count }
  /// The index of a key, 0 for an unknown one.
  func index(of name: String) -> Int { indexByName[name] ?? 0 }
  func letter(of name: String) -> Character { letters[index(of: name)] }
  func color(of name: String) -> RGBColor { color(at: index(of: name)) }
  func color(at index: Int) -> RGBColor { Self.colors[index % Self.colors.count] }
}
