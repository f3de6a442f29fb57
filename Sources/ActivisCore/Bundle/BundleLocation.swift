#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a bundle is: its directory as the user gave it and as resolved, and
/// the resolution of the relative paths its manifest lists.
struct BundleLocation {
  /// The directory as the user gave it (without trailing slashes).
  let directory: String
  /// The directory with symbolic links resolved.
  let realDirectory: String
  /// The manifest's path as the user gave it (or as derived).
  let manifestPath: String

  /// Accepts a bundle directory or the path of its `activis.json`.
  init(userPath: String) throws {
    var path = userPath
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    guard !path.isEmpty else {
      throw BundleError(.fileNotFound, file: userPath, "no bundle path given")
    }
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw BundleError(.fileNotFound, file: path, "no such bundle directory or manifest")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      directory = path
      manifestPath = Self.join(path, "activis.json")
    } else {
      manifestPath = path
      if let slash = path.lastIndex(of: "/") {
        directory = slash == path.startIndex ? "/" : String(path[..<slash])
      } else {
        directory = "."
      }
    }
    guard let real = Self.realPath(directory) else {
      throw BundleError(.unreadable, file: directory, "cannot resolve the bundle directory")
    }
    realDirectory = real
  }

  /// The directory's last path component (for a bundle without a name).
  var directoryName: String {
    let components = realDirectory.split(separator: "/")
    return components.last.map(String.init) ?? realDirectory
  }

  /// A bundle-relative path as shown to the user: `bundle/activations/fc.npy`.
  func displayName(_ relative: String) -> String {
    directory == "." ? relative : Self.join(directory, relative)
  }

  /// The on-disk path of a manifest entry, checked to stay inside the bundle.
  ///
  /// - Parameter field: the manifest field that names it, for messages.
  /// - Throws: `.pathOutsideBundle` for absolute paths, `..` escapes and
  ///   symbolic links leading out; `.fileNotFound` for a missing file.
  func resolve(_ relative: String, field: String) throws -> String {
    let manifest = manifestPath
    guard !relative.isEmpty else {
      throw BundleError(.malformedManifest, file: manifest, "\(field) is an empty path")
    }
    guard !relative.hasPrefix("/") else {
      throw BundleError(.pathOutsideBundle, file: manifest,
                        "\(field) is the absolute path '\(relative)'; paths must be relative "
                        + "to the bundle directory")
    }
    var depth = 0
    for component in relative.split(separator: "/") {
      if component == ".." { depth -= 1 } else if component != "." { depth += 1 }
      if depth < 0 {
        throw BundleError(.pathOutsideBundle, file: manifest,
                          "\(field) '\(relative)' leads outside the bundle directory")
      }
    }
    let joined = Self.join(realDirectory, relative)
    guard let real = Self.realPath(joined) else {
      throw BundleError(.fileNotFound, file: displayName(relative),
                        "no such file (named by \(field) in the manifest)")
    }
    let inside = realDirectory == "/" ? "/" : realDirectory + "/"
    guard real.hasPrefix(inside) else {
      throw BundleError(.pathOutsideBundle, file: manifest,
                        "\(field) '\(relative)' leads outside the bundle directory "
                        + "(through a symbolic link, to '\(real)')")
    }
    return real
  }

  static func join(_ directory: String, _ relative: String) -> String {
    directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
  }

  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}
