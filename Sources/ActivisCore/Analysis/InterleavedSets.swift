/// Many instance sets filled at once, laid out so that the bits of one row
/// in every set lie together: the words are in blocks of eight (a cache
/// line) per set, and block `b` of every set comes before block `b + 1` of
/// any, so word `w` of set `s` is `bits[(w / 8 · setCount + s) · 8 + w % 8]`.
/// Filling a run of rows touches a few lines of each set; reading one set
/// reads each of its lines once. Threads may fill disjoint runs of 512 rows
/// (eight words) at the same time. Deallocated by `finish()`, which makes
/// the sets.
@usableFromInline
struct InterleavedSets: @unchecked Sendable {
  @usableFromInline let setCount: Int
  let capacity: Int
  private let wordCount: Int
  @usableFromInline let bits: UnsafeMutableBufferPointer<UInt64>

  /// `setCount` empty sets over `0 ..< capacity`.
  @usableFromInline
  init(setCount: Int, capacity: Int) {
    self.setCount = setCount
    self.capacity = capacity
    wordCount = (capacity + 63) / 64
    bits = .allocate(capacity: Swift.max(1, setCount * (wordCount + 7) / 8 * 8))
    if let base = bits.baseAddress {
      HugePages.advise(UnsafeMutableRawPointer(base), byteCount: bits.count * MemoryLayout<UInt64>.stride)
    }
    bits.initialize(repeating: 0)
  }

  /// The place of word `word` of set `set` in `bits`.
  @inlinable @inline(__always)
  func index(word: Int, set: Int) -> Int {
    ((word >> 3) * setCount + set) << 3 | (word & 7)
  }

  /// Puts `row` into set `set`.
  @inlinable @inline(__always)
  func insert(_ row: Int, into set: Int) {
    bits[index(word: row >> 6, set: set)] |= 1 << UInt64(row & 63)
  }

  /// The sets, in order; the storage is released.
  @usableFromInline
  func finish() -> [InstanceSet] {
    defer { bits.deallocate() }
    return (0 ..< setCount).map { set in
      InstanceSet(capacity: capacity, words: (0 ..< wordCount).map { bits[index(word: $0, set: set)] })
    }
  }
}

extension InstanceSet {
  /// The rows of `self` split by `key` into `count` sets: row `r` goes into
  /// set `key(r)`, or none when that is negative. One pass over the rows;
  /// inlinable, so that `key` is inlined into it.
  @inlinable
  public func split(into count: Int, by key: (Int) -> Int) -> [InstanceSet] {
    let sets = InterleavedSets(setCount: count, capacity: capacity)
    forEachRow { row in
      let set = key(row)
      if set >= 0 { sets.insert(row, into: set) }
    }
    return sets.finish()
  }
}
