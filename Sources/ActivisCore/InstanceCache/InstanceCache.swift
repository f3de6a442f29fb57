#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The parsed-table cache: instance tables already parsed, kept outside the
/// bundle in `$XDG_CACHE_HOME/activis` (default `~/.cache/activis`), one
/// file per instance file, so that opening the same bundle again reads
/// columns instead of parsing CSV.
///
/// A cache file is used only when its key (`InstanceCacheKey`) matches the
/// instance file as it is now; anything else about it — stale, truncated,
/// corrupt, another format version — makes the table be parsed and the file
/// written again. A cache that cannot be written costs nothing but time.
/// The directory is kept within `InstanceCacheTrimming.limitBytes`, the
/// tables used least recently removed first.
public struct InstanceCache: Equatable, Sendable {
  /// Where the cache files go.
  public let directory: String
  /// The directory as shown to the user (`~/.cache/activis`).
  public let displayDirectory: String

  /// A cache in `directory`, shown as `displayDirectory`.
  public init(directory: String, displayDirectory: String? = nil) {
    self.directory = directory
    self.displayDirectory = displayDirectory ?? directory
  }

  /// The cache the environment asks for: `nil` when `ACTIVIS_CACHE` is
  /// `off` (or `0`, `no`, `false`) or no cache directory can be named.
  public static func fromEnvironment(_ environment: [String: String]) -> InstanceCache? {
    if let setting = environment["ACTIVIS_CACHE"]?.lowercased(), ["off", "0", "no", "false"].contains(setting) {
      return nil
    }
    // The XDG base directory specification ignores relative paths.
    if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
      let directory = BundleLocation.join(base, "activis")
      let home = environment["HOME"].map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
      if let home, !home.isEmpty, directory.hasPrefix(home + "/") {
        return InstanceCache(directory: directory, displayDirectory: "~" + directory.dropFirst(home.count))
      }
      return InstanceCache(directory: directory)
    }
    guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
    return InstanceCache(directory: BundleLocation.join(home, ".cache/activis"),
                         displayDirectory: "~/.cache/activis")
  }

  /// The table cached for `key`, if there is a whole one.
  func load(key: InstanceCacheKey) -> InstanceCacheReader.Contents? {
    guard let file = try? MappedFile(path: path(key), displayName: key.fileName, populate: true) else {
      return nil
    }
    let contents = InstanceCacheReader.read(file, key: key, threads: ProcessInfo.processInfo.activeProcessorCount)
    if contents != nil { InstanceCacheTrimming.touch(path(key)) }
    return contents
  }

  /// Writes a parsed table for `key`.
  ///
  /// - Returns: why it could not be written, or `nil`.
  func store(_ table: InstanceTable, classes: [String], warnings: [String], key: InstanceCacheKey) -> String? {
    if let reason = makeDirectory() { return reason }
    do {
      try InstanceCacheWriter.store(table, classes: classes, warnings: warnings, key: key, to: path(key))
      InstanceCacheTrimming.trim(directory, keeping: path(key))
      return nil
    } catch {
      return error.reason
    }
  }

  /// The cache file for `key`, as shown to the user.
  func displayPath(_ key: InstanceCacheKey) -> String { BundleLocation.join(displayDirectory, key.fileName) }

  private func path(_ key: InstanceCacheKey) -> String { BundleLocation.join(directory, key.fileName) }

  /// Creates the cache directory and its parents (private to the user).
  private func makeDirectory() -> String? {
    var built = directory.hasPrefix("/") ? "" : "."
    for component in directory.split(separator: "/") {
      built += "/" + component
      if mkdir(built, 0o700) != 0 && errno != EEXIST { return "cannot create \(built): \(MappedFile.reason(errno))" }
    }
    var info = stat()
    guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
      return "\(directory) is not a directory"
    }
    return nil
  }
}

/// Where an opened bundle's instance table came from, for `info`.
public enum InstanceTableSource: Equatable, Sendable {
  /// Parsed; no cache was asked for.
  case parsed
  /// Read from this cache file (as shown to the user).
  case cached(String)
  /// Parsed, and written to this cache file for next time.
  case parsedAndCached(String)
  /// Parsed; the cache could not be written, for this reason.
  case parsedCacheUnwritable(String)

  /// One line for `info`.
  public var description: String {
    switch self {
    case .parsed: "parsed (cache off)"
    case .cached(let file): "read from cache \(file)"
    case .parsedAndCached(let file): "parsed (cached for next time in \(file))"
    case .parsedCacheUnwritable(let reason): "parsed (not cached: \(reason))"
    }
  }
}
