/// A stable least-significant-digit radix sort of 64-bit keys by 32 of their
/// bits, a byte per pass: linear time, for the million-key sorts that a
/// comparison sort makes slow.
enum RadixSort {
  /// Sorts the first `count` keys by bits `shift ..< shift + 32`; keys equal
  /// there keep their order. `scratch` holds at least `count` keys.
  static func sort(_ keys: inout [UInt64], scratch: inout [UInt64], count: Int, byBitsFrom shift: Int) {
    guard count > 1 else { return }
    precondition(shift >= 0 && shift <= 32 && keys.count >= count && scratch.count >= count)
    var counts = [Int](repeating: 0, count: 256)
    for pass in 0 ..< 4 {
      let digitShift = UInt64(shift + pass * 8)
      for i in 0 ..< 256 { counts[i] = 0 }
      for i in 0 ..< count { counts[Int((keys[i] >> digitShift) & 0xFF)] += 1 }
      var total = 0
      for i in 0 ..< 256 {
        let c = counts[i]
        counts[i] = total
        total += c
      }
      for i in 0 ..< count {
        let bucket = Int((keys[i] >> digitShift) & 0xFF)
        scratch[counts[bucket]] = keys[i]
        counts[bucket] += 1
      }
      swap(&keys, &scratch)
    }
  }
}
