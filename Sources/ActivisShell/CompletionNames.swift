import ActivisCore
import ActivisLanguage
import Foundation

/// The session's names for each kind of word the grammar expects, for tab
/// completion.
struct CompletionNames {
  let session: Session

  func names(for context: CompletionContext) -> [String] {
    let bundle = session.bundle
    var names = context.keywords
    switch context.kind {
    case .command: names += CommandCatalog.commandNames
    case .keywords(let keywords): names += keywords
    case .layer: names += bundle?.layers.map(\.name) ?? []
    case .className: names += bundle?.classes ?? []
    case .subset: names += session.subsets.map(\.name)
    case .subsetOrClass: names += session.subsets.map(\.name) + (bundle?.classes ?? [])
    case .row:
      names += session.subsets.map(\.name) + (bundle?.classes ?? [])
      if context.prefix.hasPrefix("#"), let ids = bundle?.instances.ids {
        names += ids.lazy.map { "#\($0)" }.filter { $0.hasPrefix(context.prefix) }.prefix(200)
      }
    case .file: names += files(matching: context.prefix)
    case .attribute:
      names += bundle?.instances.attributes.map(\.name) ?? []
    case .graphNode: names += bundle?.graph?.nodes.map(\.id) ?? []
    case .group: names += bundle?.graph?.groupPaths ?? []
    case .none: break
    }
    return names
  }

  /// Paths starting with `prefix`; directories end in `/`.
  private func files(matching prefix: String) -> [String] {
    let expanded = prefix.hasPrefix("~/") ? NSString(string: prefix).expandingTildeInPath : prefix
    let directory: String
    let stem: String
    if let slash = expanded.lastIndex(of: "/") {
      directory = String(expanded[...slash])
      stem = String(expanded[expanded.index(after: slash)...])
    } else {
      directory = ""
      stem = expanded
    }
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
    let shownDirectory = prefix.hasPrefix("~/") ? String(prefix[...(prefix.lastIndex(of: "/") ?? prefix.startIndex)]) : directory
    return entries.filter { $0.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.hasPrefix(".")) }.map { entry in
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: directory + entry, isDirectory: &isDirectory)
      return shownDirectory + entry + (isDirectory.boolValue ? "/" : "")
    }
  }
}
