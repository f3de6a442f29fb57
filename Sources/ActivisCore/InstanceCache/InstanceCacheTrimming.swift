#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the cache directory within a size: after a table is stored, the
/// tables used least recently (a table's modification time is set when it
/// is read) are removed until the rest fit, and temporary files that a
/// killed writer left behind are removed once they are an hour old.
enum InstanceCacheTrimming {
  /// The most bytes of tables kept, unless one table alone is larger.
  static let limitBytes: Int64 = 4 << 30
  /// How old a temporary file must be to be taken for a dead writer's.
  static let staleTemporarySeconds = 3_600

  /// One file in the cache directory.
  struct Entry {
    var path: String
    var bytes: Int64
    var modified: timespec
  }

  /// Marks the table at `path` as just used.
  static func touch(_ path: String) {
    _ = utimensat(AT_FDCWD, path, nil, 0)
  }

  /// Removes tables of `directory`, least recently used first, until they
  /// add up to at most `limit` bytes; `keeping` (the table just written)
  /// stays whatever its size.
  static func trim(_ directory: String, limit: Int64 = limitBytes, keeping: String) {
    let (tables, temporaries) = entries(of: directory)
    let now = time(nil)
    for file in temporaries where Int(now) - Int(file.modified.tv_sec) > staleTemporarySeconds {
      unlink(file.path)
    }
    var total = tables.reduce(0) { $0 + $1.bytes }
    let oldestFirst = tables.sorted {
      ($0.modified.tv_sec, $0.modified.tv_nsec) < ($1.modified.tv_sec, $1.modified.tv_nsec)
    }
    for table in oldestFirst where total > limit && table.path != keeping {
      if unlink(table.path) == 0 { total -= table.bytes }
    }
  }

  /// The tables (`instances-*.table`) and temporary files (`*.tmp`) of
  /// `directory`.
  static func entries(of directory: String) -> (tables: [Entry], temporaries: [Entry]) {
    guard let stream = opendir(directory) else { return ([], []) }
    defer { closedir(stream) }
    var tables: [Entry] = [], temporaries: [Entry] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
      let isTable = name.hasPrefix("instances-") && name.hasSuffix(".table")
      let isTemporary = name.hasPrefix("instances-") && name.hasSuffix(".tmp")
      guard isTable || isTemporary else { continue }
      let path = BundleLocation.join(directory, name)
      var info = stat()
      guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
      let file = Entry(path: path, bytes: Int64(info.st_size), modified: info.st_mtim)
      if isTable { tables.append(file) } else { temporaries.append(file) }
    }
    return (tables, temporaries)
  }
}
