/// Many instance sets filled at once, laid out so that the bits of one row
/// in every set lie together: word `w` of set `s` is `bits[w · setCount +
/// s]`. Threads may fill disjoint runs of words at the same time.
/// Deallocated by `finish()`, which makes the sets.
struct InterleavedSets: @unchecked Sendable {
  let setCount: Int
  let capacity: Int
  private let wordCount: Int
  private let bits: UnsafeMutableBufferPointer<UInt64>

  /// `setCount` empty sets over `0 ..< capacity`.
  init(setCount: Int, capacity: Int) {
    self.setCount = setCount
    self.capacity = capacity
    wordCount = (capacity + 63) / 64
    bits = .allocate(capacity: Swift.max(1, setCount * wordCount))
    if let base = bits.baseAddress {
      HugePages.advise(UnsafeMutableRawPointer(base), byteCount: bits.count * MemoryLayout<UInt64>.stride)
    }
    bits.initialize(repeating: 0)
  }

  /// Puts `row` into set `set`.
  @inline(__always)
  func insert(_ row: Int, into set: Int) {
    bits[(row >> 6) * setCount + set] |= 1 << UInt64(row & 63)
  }

  /// The sets, in order; the storage is released.
  func finish() -> [InstanceSet] {
    defer { bits.deallocate() }
    return (0 ..< setCount).map { set in
      InstanceSet(capacity: capacity, words: (0 ..< wordCount).map { bits[$0 * setCount + set] })
    }
  }
}

extension InstanceSet {
  /// The rows of `self` split by `key` into `count` sets: row `r` goes into
  /// set `key(r)`, or none when that is negative. One pass over the rows.
  public func split(into count: Int, by key: (Int) -> Int) -> [InstanceSet] {
    let sets = InterleavedSets(setCount: count, capacity: capacity)
    forEachRow { row in
      let set = key(row)
      if set >= 0 { sets.insert(row, into: set) }
    }
    return sets.finish()
  }
}
