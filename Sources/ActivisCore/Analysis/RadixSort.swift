/// A stable least-significant-digit radix sort of unsigned keys by 32 of
/// their bits, 11 bits per pass (three passes): linear time, for the
/// million-key sorts that a comparison sort makes slow.
enum RadixSort {
  /// Bits per pass, and the passes that cover 32 bits.
  private static let digitBits = 11
  private static let passes = 3

  /// Sorts the first `count` keys by bits `shift ..< shift + 32`; keys equal
  /// there keep their order. `scratch` holds at least `count` keys.
  static func sort<Key: FixedWidthInteger & UnsignedInteger>(
    _ keys: inout [Key], scratch: inout [Key], count: Int, byBitsFrom shift: Int
  ) {
    guard count > 1 else { return }
    precondition(shift >= 0 && shift + 32 <= Key.bitWidth && keys.count >= count && scratch.count >= count)
    let mask = Key(1 << digitBits - 1)
    var counts = [Int](repeating: 0, count: 1 << digitBits)
    keys.withUnsafeMutableBufferPointer { keys in
      scratch.withUnsafeMutableBufferPointer { scratch in
        counts.withUnsafeMutableBufferPointer { counts in
          var source = keys, target = scratch
          for pass in 0 ..< passes {
            let digitShift = shift + pass * digitBits
            // The last pass takes the 10 bits left of the 32.
            let digitMask = pass == passes - 1 ? mask >> 1 : mask
            for i in counts.indices { counts[i] = 0 }
            for i in 0 ..< count { counts[Int((source[i] &>> digitShift) & digitMask)] += 1 }
            var total = 0
            for i in counts.indices {
              let c = counts[i]
              counts[i] = total
              total += c
            }
            for i in 0 ..< count {
              let bucket = Int((source[i] &>> digitShift) & digitMask)
              target[counts[bucket]] = source[i]
              counts[bucket] += 1
            }
            swap(&source, &target)
          }
          // After an odd number of passes the sorted keys are in the scratch.
          if passes % 2 == 1 { keys.baseAddress!.update(from: scratch.baseAddress!, count: count) }
        }
      }
    }
  }
}
