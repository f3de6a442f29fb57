/// The instances a projection places when there are more than it should.
package enum Sampling {
  /// Up to `limit` of `rows` (ascending), always keeping `pinned` (those of
  /// them that are in `rows`); the rest drawn without replacement by a
  /// partial Fisher–Yates shuffle, the same for the same `seed`. Ascending.
  ///
  /// The shuffle touches only the positions it draws and swaps with, so a
  /// sample of thousands from millions of rows costs the sample, not the
  /// rows (positions not yet swapped hold their own row).
  package static func rows(_ rows: [Int], limit: Int, seed: UInt64, keeping pinned: [Int] = []) -> [Int] {
    guard rows.count > limit else { return rows }
    let kept = pinned.isEmpty ? [] : Set(pinned).intersection(rows)
    // The pinned rows are not drawn, so the sample has exactly `limit` rows.
    let pool = kept.isEmpty ? rows : rows.filter { !kept.contains($0) }
    let drawn = Swift.min(Swift.max(0, limit - kept.count), pool.count)
    var moved: [Int: Int] = [:]
    moved.reserveCapacity(2 * drawn)
    var generator = SeededGenerator(seed: seed)
    var sample: [Int] = []
    sample.reserveCapacity(limit)
    for i in 0 ..< drawn {
      let j = i + generator.nextInt(below: pool.count - i)
      let atJ = moved[j] ?? pool[j]
      moved[j] = moved[i] ?? pool[i]
      sample.append(atJ)
    }
    return (sample + kept).sorted()
  }
}
