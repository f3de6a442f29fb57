#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory; unmapped when released.
///
/// The mapping is private and read-only (`PROT_READ`, `MAP_PRIVATE`), so
/// nothing can be written back into the bundle. A zero-length file maps to an
/// empty buffer without calling `mmap`.
public final class MappedFile: @unchecked Sendable {
  /// The file, as shown to the user in errors.
  public let displayName: String
  /// The mapped bytes.
  public let bytes: UnsafeRawBufferPointer
  /// The file's status when it was mapped (size, times, inode).
  let status: stat

  private let mapping: UnsafeMutableRawPointer?

  /// Opens and maps `path`.
  ///
  /// - Parameters:
  ///   - sequential: advise the kernel that the file will be read front to back.
  ///   - populate: map every page at once (for a file read whole right away).
  /// - Throws: `BundleError` `.fileNotFound` or `.unreadable`.
  public init(path: String, displayName: String, sequential: Bool = true, populate: Bool = false) throws {
    self.displayName = displayName
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Self.openError(errno, displayName: displayName) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw BundleError(.unreadable, file: displayName, "cannot read: \(Self.reason(errno))")
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      let what = (info.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "not a regular file"
      throw BundleError(.unreadable, file: displayName, "cannot read: is \(what)")
    }
    status = info
    let size = Int(info.st_size)
    guard size > 0 else {
      mapping = nil
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | (populate ? MAP_POPULATE : 0), fd, 0),
          address != MAP_FAILED else {
      throw BundleError(.unreadable, file: displayName, "cannot map: \(Self.reason(errno))")
    }
    if sequential { _ = madvise(address, size, MADV_SEQUENTIAL) }
    mapping = address
    bytes = UnsafeRawBufferPointer(start: address, count: size)
  }

  deinit {
    if let mapping { munmap(mapping, bytes.count) }
  }

  /// The error for a failed `open`.
  static func openError(_ code: Int32, displayName: String) -> BundleError {
    if code == ENOENT || code == ENOTDIR {
      return BundleError(.fileNotFound, file: displayName, "no such file")
    }
    return BundleError(.unreadable, file: displayName, "cannot open: \(reason(code))")
  }

  /// `strerror` text, lowercased at the start.
  static func reason(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    let message = String(cString: text)
    return message.prefix(1).lowercased() + message.dropFirst()
  }
}
