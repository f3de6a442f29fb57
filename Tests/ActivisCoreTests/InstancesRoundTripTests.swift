import ActivisCore
import ActivisTestSupport
import Testing

/// Random tables written by `CSVEncoder` read back field for field.
@Suite struct InstancesRoundTripTests {
  private static let pieces = ["a", "word", ",", "\"", "\"\"", "\n", "\r\n", " ", "é", "日本", "😀",
                               "0123456789", "long text without specials", "x,y", "\"q\""]

  @Test(arguments: [1, 2, 3, 4], ["\n", "\r\n"])
  func randomTextsSurviveQuoting(seed: UInt64, lineEnding: String) throws {
    var random = SplitMix64(seed: seed)
    let count = 300
    var texts: [String] = []
    var notes: [String] = []
    for _ in 0 ..< count {
      let length = Int.random(in: 0 ... 12, using: &random)
      texts.append((0 ..< length).map { _ in Self.pieces.randomElement(using: &random) ?? "" }.joined())
      notes.append(Bool.random(using: &random) ? "" : Self.pieces.randomElement(using: &random) ?? "")
    }
    let ids = (0 ..< Int64(count)).map { $0 * 7 + 3 }
    let bundle = try TestBundle.make(ids: ids, texts: texts, attributes: [("note", notes)],
                                     lineEnding: lineEnding)
    defer { bundle.remove() }
    let opened = try ActivationBundle.open(bundle.path)
    let text = try #require(opened.instances.text)
    #expect(opened.instances.ids == ids)
    for row in 0 ..< count where text.string(at: row) != texts[row] {
      Issue.record("row \(row): \(text.string(at: row).debugDescription) != \(texts[row].debugDescription)")
    }
    guard case .categorical(let codes, let categories) = opened.instances.attributes[0].values else {
      Issue.record("note should be categorical")
      return
    }
    for row in 0 ..< count {
      let read = codes[row] < 0 ? "" : categories[Int(codes[row])]
      if read != notes[row] { Issue.record("note \(row): \(read.debugDescription) != \(notes[row].debugDescription)") }
    }
    #expect(categories == Array(Set(notes.filter { !$0.isEmpty })).sorted())
  }
}
