/// The k-th smallest of many numbers without sorting them all.
enum OrderStatistic {
  /// The value of rank `rank` (0-based) among `values[start...]` sorted,
  /// which must contain no NaN. `values[start...]` is reordered so that the
  /// value ends at `rank`, no value before it (from `start`) is greater and
  /// no value after it is smaller; so a following call for a higher rank
  /// may start at `rank`.
  ///
  /// Quickselect with a median-of-three pivot and a three-way partition
  /// (many equal values cost nothing extra); after more rounds than a
  /// balanced split would take, the rest is sorted, so it is O(n log n) at
  /// worst and O(n) as a rule.
  static func select(rank: Int, in values: inout [Double], from start: Int = 0) -> Double {
    precondition(start <= rank && rank < values.count, "rank \(rank) outside \(start)..<\(values.count)")
    return values.withUnsafeMutableBufferPointer { v in
      var low = start, high = v.count
      var rounds = 2 * (Int.bitWidth - v.count.leadingZeroBitCount) + 8
      while high - low > 16 && rounds > 0 {
        rounds -= 1
        let pivot = medianOfThree(v[low], v[low + (high - low) / 2], v[high - 1])
        // [low, less) < pivot, [less, index) == pivot, [greater, high) > pivot.
        var less = low, index = low, greater = high
        while index < greater {
          let value = v[index]
          if value < pivot {
            v.swapAt(less, index)
            less += 1
            index += 1
          } else if value > pivot {
            greater -= 1
            v.swapAt(index, greater)
          } else {
            index += 1
          }
        }
        if rank < less {
          high = less
        } else if rank >= greater {
          low = greater
        } else {
          return pivot
        }
      }
      v[low ..< high].sort()
      return v[rank]
    }
  }

  private static func medianOfThree(_ a: Double, _ b: Double, _ c: Double) -> Double {
    Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
  }
}
