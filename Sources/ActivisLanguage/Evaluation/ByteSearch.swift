#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds bytes in bytes.
enum ByteSearch {
  /// Whether the `wantedCount` bytes of `wanted` occur in the `count` bytes of
  /// `text`: `memchr` to each place the first byte occurs, then `memcmp` of
  /// the whole pattern there.
  static func contains(_ text: UnsafePointer<UInt8>, count: Int, _ wanted: UnsafePointer<UInt8>,
                       count wantedCount: Int) -> Bool {
    var start = 0
    let lastStart = count - wantedCount
    while start <= lastStart {
      guard let found = memchr(text + start, Int32(wanted[0]), lastStart - start + 1) else { return false }
      let place = text.distance(to: found.assumingMemoryBound(to: UInt8.self))
      if memcmp(text + place, wanted, wantedCount) == 0 { return true }
      start = place + 1
    }
    return false
  }
}
