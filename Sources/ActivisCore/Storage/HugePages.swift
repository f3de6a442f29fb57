#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the kernel to back large, freshly allocated buffers with huge pages,
/// so that filling them takes a fault per 2 MiB instead of per 4 KiB.
enum HugePages {
  private static let size = 2 << 20

  /// Advises huge pages for the whole 2 MiB pages inside `byteCount` bytes
  /// at `start`, before they are first written; a no-op for small buffers or
  /// where the advice is not supported.
  static func advise(_ start: UnsafeMutableRawPointer, byteCount: Int) {
    #if os(Linux)
    guard byteCount >= 2 * size else { return }
    let address = UInt(bitPattern: start)
    let first = (address + UInt(size) - 1) & ~UInt(size - 1)
    let end = (address + UInt(byteCount)) & ~UInt(size - 1)
    guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
    _ = madvise(aligned, Int(end - first), MADV_HUGEPAGE)
    #endif
  }
}

extension Array where Element: BitwiseCopyable {
  /// An empty array with room for `capacity` elements, huge pages advised.
  static func reserved(_ capacity: Int) -> [Element] {
    [Element](unsafeUninitializedCapacity: Swift.max(0, capacity)) { buffer, count in
      if let base = buffer.baseAddress {
        HugePages.advise(UnsafeMutableRawPointer(base), byteCount: buffer.count * MemoryLayout<Element>.stride)
      }
      count = 0
    }
  }
}
