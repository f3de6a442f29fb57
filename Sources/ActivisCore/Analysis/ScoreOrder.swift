/// Rows ordered by a score, highest first, ties by id: the order of the
/// instance panel's lists. Sorting a million rows through a comparator
/// closure took most of a second, so each row becomes one 64-bit key (the
/// score's order-preserving bits above the row's place) and the keys are
/// radix-sorted.
public enum ScoreOrder {
  /// `rows` (ascending) by `scores[row]` descending, ties (and rows without a
  /// score, after all scored ones when `scores` is nil for none of them) by
  /// `ids[row]` ascending. NaN scores compare as ties with every score, so
  /// a group holding one is sorted by `fallback`.
  public static func sorted(_ rows: [Int], scores: [Float]?, ids: [Int64],
                            fallback: (Int, Int) -> Bool) -> [Int] {
    guard rows.count > 1 else { return rows }
    guard let scores else { return idsAscending(rows, ids: ids) ? rows : rows.sorted { ids[$0] < ids[$1] } }
    guard rows.count < Int(UInt32.max), idsAscending(rows, ids: ids),
          !rows.contains(where: { scores[$0].isNaN }) else { return rows.sorted(by: fallback) }
    var keys = [UInt64](unsafeUninitializedCapacity: rows.count) { buffer, initialized in
      for (place, row) in rows.enumerated() {
        buffer[place] = UInt64(~scores[row].orderedBits) << 32 | UInt64(place)
      }
      initialized = rows.count
    }
    // The keys are in place order already, so a stable sort by the score bits alone
    // leaves ties in place (that is, id) order.
    var scratch = [UInt64](repeating: 0, count: keys.count)
    RadixSort.sort(&keys, scratch: &scratch, count: keys.count, byBitsFrom: 32)
    return keys.map { rows[Int($0 & 0xFFFF_FFFF)] }
  }

  /// Whether the ids of `rows`, in that order, ascend.
  private static func idsAscending(_ rows: [Int], ids: [Int64]) -> Bool {
    zip(rows, rows.dropFirst()).allSatisfy { ids[$0] < ids[$1] }
  }
}

extension Float {
  /// Bits whose unsigned order is the order of the (non-NaN) values, −0 as +0:
  /// a sort key for integer and radix sorts. Negative values have every bit
  /// flipped, the others only the sign bit, without a branch on the sign
  /// (as good as random in activations).
  @inline(__always)
  var orderedBits: UInt32 {
    let bits = self == 0 ? 0 : bitPattern
    let flipped = UInt32(bitPattern: Int32(bitPattern: bits) >> 31) | 0x8000_0000
    return bits ^ flipped
  }
}
