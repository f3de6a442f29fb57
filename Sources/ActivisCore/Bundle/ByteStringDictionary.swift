import CGramKernel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dictionary-codes byte strings without allocating per lookup: an
/// open-addressing hash table over keys stored in one buffer.
struct ByteStringDictionary {
  /// All keys, one after another.
  private(set) var storage: [UInt8] = []
  /// `count + 1` offsets into `storage`.
  private(set) var offsets: [Int] = [0]
  /// Slot → code + 1 (0 = empty).
  private var slots = [Int32](repeating: 0, count: 64)
  private var hashes: [UInt64] = []
  /// The first few keys of at most seven bytes, packed (`packed(_:)`),
  /// and their codes.
  private(set) var shortWords: [UInt64] = []
  private(set) var shortCodes: [Int32] = []

  /// The number of distinct keys.
  var count: Int { offsets.count - 1 }

  /// How many short keys are kept packed (the CSV kernel knows as many).
  static let shortKeys = Int(ACTIVIS_CSV_KNOWN_VALUES)

  /// Key `code`'s bytes.
  func key(_ code: Int) -> ArraySlice<UInt8> { storage[offsets[code] ..< offsets[code + 1]] }

  /// The code of `key`, adding it if new.
  ///
  /// - Returns: the code and whether the key was added.
  mutating func code(of key: UnsafeRawBufferPointer) -> (code: Int32, added: Bool) {
    // Columns of a few short values (classes, categories) find them in a
    // short list of words, before any hashing.
    let word = Self.packed(key)
    if word != 0 {
      for (index, known) in shortWords.enumerated() where known == word { return (shortCodes[index], false) }
    }
    let hash = Self.hash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      let code = Int(entry - 1)
      if hashes[code] == hash && matches(code, key) { return (Int32(code), false) }
      slot = (slot + 1) & mask
    }
    let code = Int32(count)
    storage.append(contentsOf: key)
    offsets.append(storage.count)
    hashes.append(hash)
    slots[slot] = code + 1
    if word != 0 && shortWords.count < Self.shortKeys {
      shortWords.append(word)
      shortCodes.append(code)
    }
    if count * 2 > slots.count { grow() }
    return (code, true)
  }

  /// A key of one to seven bytes as one word (its bytes, then its length in
  /// the top byte); 0 for other keys.
  @inline(__always)
  private static func packed(_ key: UnsafeRawBufferPointer) -> UInt64 {
    guard key.count > 0 && key.count < 8 else { return 0 }
    var word = UInt64(key.count) << 56
    for (index, byte) in key.enumerated() { word |= UInt64(byte) << (8 * UInt64(index)) }
    return word
  }

  /// A hash of `key`, eight bytes at a time.
  @inline(__always)
  private static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
    var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
    var offset = 0
    while offset + 8 <= key.count {
      hash = mix(hash ^ key.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      offset += 8
    }
    if offset < key.count {
      var tail: UInt64 = 0
      for index in offset ..< key.count { tail |= UInt64(key[index]) << (8 * UInt64(index - offset)) }
      hash = mix(hash ^ tail)
    }
    return hash
  }

  @inline(__always)
  private static func mix(_ value: UInt64) -> UInt64 {
    let product = value &* 0x9FB2_1C65_1E98_DF25
    return product ^ (product >> 29)
  }

  private func matches(_ code: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = offsets[code]
    guard offsets[code + 1] - start == key.count else { return false }
    return storage.withUnsafeBytes { storage in
      key.count == 0 || memcmp(storage.baseAddress! + start, key.baseAddress!, key.count) == 0
    }
  }

  private mutating func grow() {
    slots = [Int32](repeating: 0, count: slots.count * 2)
    let mask = slots.count - 1
    for (code, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(code + 1)
    }
  }
}
