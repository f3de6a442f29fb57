import ActivisCore

/// What a command asks of the shell once it has run.
package enum CommandOutput: Sendable {
  /// Show this result (and remember it for `export`).
  case result(CommandResult)
  /// Write `result` to `path` in `format`.
  case export(CommandResult, format: ExportFormat, path: Located<String>)
  /// The output format changed; nothing to print.
  case formatChanged(OutputFormat)
  /// Write `script`, which rebuilds the session, to `path`.
  case save(script: String, path: Located<String>)
  /// Leave the shell.
  case quit
}

/// Runs commands of the syntax tree against a `Session`.
///
/// Every user mistake is thrown as a `Diagnostic` pointing at the offending
/// words; a command that fails leaves the session as it was.
package struct Evaluator {
  package let session: Session

  package init(session: Session) {
    self.session = session
  }

  /// Runs one command, by its declaration.
  package func evaluate(_ node: CommandNode) throws -> CommandOutput {
    let output = try node.declaration.run(node.arguments, self)
    if case .result(let result) = output, result.isExportable { session.lastResult = result }
    return output
  }
}

extension Evaluator {
  /// The open bundle and what was derived from it, or an error telling how
  /// to open one.
  func requireWorkspace(at range: SourceRange) throws -> Workspace {
    guard let workspace = session.workspace else {
      throw Diagnostic.error(Messages.noBundle, at: range)
    }
    return workspace
  }

  /// The open bundle, or an error telling how to open one.
  func requireBundle(at range: SourceRange) throws -> ActivationBundle {
    try requireWorkspace(at: range).bundle
  }

  /// The selected layer, or an error listing the layers to choose from.
  func requireLayer(at range: SourceRange) throws -> Layer {
    try requireWorkspace(at: range).requireLayer(at: range)
  }

  /// The row of the instance with this id.
  func instanceRow(_ id: Located<Int64>, in bundle: ActivationBundle) throws -> Int {
    guard let row = bundle.instances.row(ofID: id.value) else {
      let ids = bundle.instances.ids
      let span = ids.isEmpty ? "the bundle has no instances" : "ids run from \(ids.min() ?? 0) to \(ids.max() ?? 0)"
      throw Diagnostic.error(Messages.noInstance(id.value, span: span), at: id.range)
    }
    return row
  }

  /// `n (p%)` of the bundle's instances.
  func sizeDescription(_ count: Int, of total: Int) -> String {
    let noun = count == 1 ? "instance" : "instances"
    guard total > 0 else { return "\(count) \(noun)" }
    let percent = Double(count) * 100 / Double(total)
    return "\(count) \(noun) (\(formatPercent(percent)))"
  }

  func formatPercent(_ percent: Double) -> String {
    let rounded = (percent * 10).rounded() / 10
    return rounded == rounded.rounded() ? "\(Int(rounded))%" : "\(rounded)%"
  }
}
