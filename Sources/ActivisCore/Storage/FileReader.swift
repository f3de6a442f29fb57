#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open file read at given offsets with `pread`, closed when released.
///
/// Thread-safe: `pread` keeps no file position.
final class FileReader: @unchecked Sendable {
  private let descriptor: Int32

  /// Opens `path` read-only.
  ///
  /// - Throws: `BundleError` `.fileNotFound` or `.unreadable`.
  init(path: String, displayName: String) throws {
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw MappedFile.openError(errno, displayName: displayName) }
  }

  deinit { close(descriptor) }

  /// Reads `count` bytes at `offset` into `destination`, retrying short
  /// reads; returns false if the file ends first or the read fails.
  func read(into destination: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Bool {
    var done = 0
    while done < count {
      let got = pread(descriptor, destination + done, count - done, off_t(offset + done))
      if got > 0 {
        done += got
      } else if got < 0 && errno == EINTR {
        continue
      } else {
        return false
      }
    }
    return true
  }
}
