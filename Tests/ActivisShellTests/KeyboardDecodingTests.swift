import Testing
@testable import ActivisShell

@Suite struct KeyboardDecodingTests {
  static func decode(_ bytes: [UInt8]) -> Int32 {
    var rest = bytes.dropFirst()
    return EditLineHooks.decodeScalar(startingWith: bytes[0]) { rest.popFirst() }
  }

  @Test func decodesWholeScalarsForLibedit() {
    #expect(Self.decode([0x61]) == 0x61)
    #expect(Self.decode([0xC3, 0xA9]) == 0xE9)
    #expect(Self.decode([0xE2, 0x82, 0xAC]) == 0x20AC)
    #expect(Self.decode([0xF0, 0x9F, 0x98, 0x80]) == 0x1F600)
  }

  @Test func invalidSequencesBecomeReplacementCharacters() {
    #expect(Self.decode([0xFF]) == 0xFFFD)
    #expect(Self.decode([0xC3, 0x41]) == 0xFFFD)
    #expect(Self.decode([0xE2, 0x82]) == 0xFFFD)
    #expect(Self.decode([0xED, 0xA0, 0x80]) == 0xFFFD)
  }
}
