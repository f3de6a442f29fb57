import Dispatch

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

  /// A hash over 8-byte words, in blocks of `blockBytes` that can be
  /// hashed apart and summed: written as a stream (`add`), checked on all
  /// cores (`parallel`). The payload is padded to whole words.
  struct Words {
    static let blockBytes = 1 << 20
    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    private var total: UInt64 = 0
    private var block = Words.seed
    private var blockFill = 0
    private var blockIndex: UInt64 = 0

    /// The hash of everything added so far.
    var value: UInt64 { blockFill > 0 ? total &+ Self.finish(block, blockIndex) : total }

    /// Mixes in `bytes`, whose count must be a multiple of 8.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
      precondition(bytes.count % 8 == 0, "whole words only")
      var offset = 0
      while offset < bytes.count {
        let take = Swift.min(Self.blockBytes - blockFill, bytes.count - offset)
        block = Self.hash(UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + take]), from: block)
        blockFill += take
        offset += take
        if blockFill == Self.blockBytes {
          total = total &+ Self.finish(block, blockIndex)
          block = Self.seed
          blockFill = 0
          blockIndex += 1
        }
      }
    }

    /// The hash of `bytes` (a multiple of 8), its blocks hashed on `threads` threads.
    static func parallel(_ bytes: UnsafeRawBufferPointer, threads: Int) -> UInt64 {
      let blocks = (bytes.count + blockBytes - 1) / blockBytes
      let workers = Swift.max(1, Swift.min(threads, blocks))
      var sums = [UInt64](repeating: 0, count: workers)
      sums.withUnsafeMutableBufferPointer { sums in
        nonisolated(unsafe) let sums = sums
        nonisolated(unsafe) let bytes = bytes
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
          var sum: UInt64 = 0
          for index in stride(from: worker, to: blocks, by: workers) {
            let start = index * blockBytes
            let part = UnsafeRawBufferPointer(rebasing: bytes[start ..< Swift.min(bytes.count, start + blockBytes)])
            sum = sum &+ finish(hash(part, from: seed), UInt64(index))
          }
          sums[worker] = sum
        }
      }
      return sums.reduce(0, &+)
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer, from start: UInt64) -> UInt64 {
      var state = start
      var offset = 0
      while offset < bytes.count {
        let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        state = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
        state ^= state >> 29
        offset += 8
      }
      return state
    }

    private static func finish(_ state: UInt64, _ index: UInt64) -> UInt64 {
      var mixed = state ^ (index &* 0xC2B2_AE3D_27D4_EB4F)
      mixed = (mixed ^ (mixed >> 31)) &* 0x94D0_49BB_1331_11EB
      return mixed ^ (mixed >> 29)
    }
  }
}
