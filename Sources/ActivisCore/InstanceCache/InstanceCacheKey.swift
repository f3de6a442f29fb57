/// What a cached table must agree with to be used: the instance file's real
/// path, size, modification and change times (to the nanosecond), inode and
/// device, hashes of its first and last blocks, the manifest's classes (they
/// decide the class codes) and the cache format version.
struct InstanceCacheKey: Equatable {
  /// Bytes hashed at each end of the file.
  static let blockSize = 64 << 10

  /// The key as text, stored in the cache file and compared whole.
  let text: String
  /// The real path of the instance file, which names the cache file.
  let realPath: String

  /// The key of the mapped instance file at `path`.
  init(path: String, file: MappedFile, classes: [String]?) {
    realPath = BundleLocation.realPath(path) ?? path
    let status = file.status
    let bytes = file.bytes
    let head = UnsafeRawBufferPointer(rebasing: bytes[0 ..< Swift.min(bytes.count, Self.blockSize)])
    let tail = UnsafeRawBufferPointer(rebasing: bytes[Swift.max(0, bytes.count - Self.blockSize)...])
    let classList = classes.map { "\($0.count):" + $0.map { "\($0.utf8.count):\($0)" }.joined() } ?? "none"
    text = [
      "format \(InstanceCacheFormat.version)",
      "path \(realPath)",
      "size \(status.st_size)",
      "modified \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)",
      "changed \(status.st_ctim.tv_sec).\(status.st_ctim.tv_nsec)",
      "inode \(status.st_ino) device \(status.st_dev)",
      "head \(CacheHash.fnv1a(head)) tail \(CacheHash.fnv1a(tail))",
      "classes \(classList)",
    ].joined(separator: "\n")
  }

  /// The cache file's name: one per instance file, whatever its state.
  var fileName: String { "instances-\(CacheHash.hex(of: realPath)).table" }
}
