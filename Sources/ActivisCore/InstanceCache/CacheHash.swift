/// The hashes the parsed-table cache uses: FNV-1a over bytes, for short keys
/// and file blocks, and a word-at-a-time hash for whole payloads.
enum CacheHash {
  /// 64-bit FNV-1a of `bytes`.
  static func fnv1a(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
    var hash = seed
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return hash
  }

  /// 64-bit FNV-1a of a string's UTF-8 bytes, as 16 hex digits.
  static func hex(of text: String) -> String {
    var text = text
    let hash = text.withUTF8 { fnv1a(UnsafeRawBufferPointer($0)) }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// A running hash over 8-byte words (the payload is padded to whole words).
  struct Words {
    private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Mixes in `bytes`, whose count must be a multiple of 8.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
      precondition(bytes.count % 8 == 0, "whole words only")
      var state = value
      var offset = 0
      while offset < bytes.count {
        let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        state = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 29
        offset += 8
      }
      value = state
    }
  }
}
