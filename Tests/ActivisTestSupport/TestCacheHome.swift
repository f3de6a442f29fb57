import Foundation

/// A cache directory of the test process's own (`XDG_CACHE_HOME` for the
/// binaries tests run), so that no test reads or writes the user's
/// `~/.cache/activis`; removed when the test process exits.
public enum TestCacheHome {
  /// A fresh directory under the temporary directory, one per test process.
  public static let path: String = {
    let path = NSTemporaryDirectory() + "activis-test-cache-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: TestCacheHome.path) }
    return path
  }()
}
