/// Where the chunks of a CSV file start, for parsing them in parallel.
///
/// The file is cut at nominal offsets of about equal size; each chunk
/// guesses that its first row starts after the first line break at or after
/// its nominal offset. The guess is wrong only when that line break is
/// inside a quoted field: the chunk before, parsed from a right start, ends
/// exactly where the next row starts, and a chunk whose guess disagrees is
/// parsed again from there (`InstanceTableReader`).
enum CSVChunkBoundaries {
  /// Smallest chunk worth a thread of its own.
  static let minimumChunkBytes = 1 << 20

  /// Nominal chunk starts in `start ..< end`: `start` first, then about
  /// equal steps; one chunk when the range is small.
  static func nominalStarts(from start: Int, to end: Int, threads: Int, minimumBytes: Int = minimumChunkBytes)
    -> [Int]
  {
    let size = end - start
    // More chunks than threads, so that a slow chunk does not hold the others up.
    let wanted = threads <= 1 ? 1 : threads * 4
    let count = Swift.max(1, Swift.min(wanted, size / Swift.max(1, minimumBytes)))
    return (0 ..< count).map { start + Int(Int64(size) * Int64($0) / Int64(count)) }
  }

  /// The first row start guessed at or after `nominal`: past the first
  /// line break at or after `nominal - 1`, and past any empty lines.
  static func guessedRowStart(_ bytes: UnsafeRawBufferPointer, nominal: Int) -> Int {
    let count = bytes.count
    var p = Swift.max(nominal, 1)
    while p < count && bytes[p - 1] != 0x0A && bytes[p - 1] != 0x0D { p += 1 }
    return skipLineBreaks(bytes, from: Swift.min(p, count))
  }

  /// The first offset at or after `start` that is not a line-break byte.
  static func skipLineBreaks(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    var p = start
    while p < bytes.count && (bytes[p] == 0x0A || bytes[p] == 0x0D) { p += 1 }
    return p
  }
}
