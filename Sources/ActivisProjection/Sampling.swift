/// The instances a projection places when there are more than it should.
package enum Sampling {
  /// Up to `limit` of `rows` (ascending), always keeping `pinned` (those of
  /// them that are in `rows`); the rest drawn without replacement by a
  /// partial Fisher–Yates shuffle, the same for the same `seed`. Ascending.
  package static func rows(_ rows: [Int], limit: Int, seed: UInt64, keeping pinned: [Int] = []) -> [Int] {
    guard rows.count > limit else { return rows }
    let kept = Set(pinned).intersection(rows)
    // The pinned rows are not drawn, so the sample has exactly `limit` rows.
    var pool = rows.filter { !kept.contains($0) }
    let drawn = Swift.max(0, limit - kept.count)
    var generator = SeededGenerator(seed: seed)
    for i in 0 ..< Swift.min(drawn, pool.count) {
      let j = i + generator.nextInt(below: pool.count - i)
      pool.swapAt(i, j)
    }
    return kept.union(pool.prefix(drawn)).sorted()
  }
}
