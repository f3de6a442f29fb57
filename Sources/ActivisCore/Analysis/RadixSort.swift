/// A stable least-significant-digit radix sort of unsigned keys by 32 of their
/// bits, 8 bits per pass (four passes; 256 buckets keep the scattered writes
/// in the caches): linear time, for the million-key sorts that a comparison
/// sort makes slow.
enum RadixSort {
  /// Bits per pass, and the passes that cover 32 bits.
  private static let digitBits = 8
  private static let passes = 4

  /// Sorts the first `count` keys by bits `shift ..< shift + 32`; keys equal
  /// there keep their order. `scratch` holds at least `count` keys. The
  /// digits of every pass are counted in one read of the keys.
  static func sort<Key: FixedWidthInteger & UnsignedInteger>(
    _ keys: inout [Key], scratch: inout [Key], count: Int, byBitsFrom shift: Int
  ) {
    guard count > 1 else { return }
    precondition(shift >= 0 && shift + 32 <= Key.bitWidth && keys.count >= count && scratch.count >= count)
    let mask = Key(1 << digitBits - 1)
    func digit(_ key: Key, pass: Int) -> Int { Int((key &>> (shift + pass * digitBits)) & mask) }
    // Each pass's counts, then where each of its digits goes, one after another.
    var counts = [Int](repeating: 0, count: passes << digitBits)
    keys.withUnsafeMutableBufferPointer { keys in
      scratch.withUnsafeMutableBufferPointer { scratch in
        counts.withUnsafeMutableBufferPointer { counts in
          for i in 0 ..< count {
            for pass in 0 ..< passes { counts[pass << digitBits + digit(keys[i], pass: pass)] += 1 }
          }
          var source = keys, target = scratch
          for pass in 0 ..< passes {
            let base = pass << digitBits
            var total = 0
            for i in base ..< base + 1 << digitBits {
              let c = counts[i]
              counts[i] = total
              total += c
            }
            for i in 0 ..< count {
              let bucket = base + digit(source[i], pass: pass)
              target[counts[bucket]] = source[i]
              counts[bucket] += 1
            }
            swap(&source, &target)
          }
          // After an even number of passes the sorted keys are back in `keys`.
          precondition(passes % 2 == 0)
        }
      }
    }
  }
}
