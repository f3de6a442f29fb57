import ActivisCore
import ActivisLanguage

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
    case .file: break  // the shell's FileNameCompleter lists files itself
    case .attribute:
      names += bundle?.instances.attributes.map(\.name) ?? []
    case .attributeOrSubset:
      names += (bundle?.instances.attributes.map(\.name) ?? []) + session.subsets.map(\.name)
    case .graphNode: names += bundle?.graph?.nodes.map(\.id) ?? []
    case .group: names += bundle?.graph?.groupPaths ?? []
    case .none: break
    }
    return names
  }
}
