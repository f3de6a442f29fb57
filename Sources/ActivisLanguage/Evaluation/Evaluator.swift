import ActivisCore

/// What a command asks of the shell once it has run.
public enum CommandOutput: Sendable {
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
public struct Evaluator {
  public let session: Session

  public init(session: Session) {
    self.session = session
  }

  /// Runs one command.
  public func evaluate(_ node: CommandNode) throws -> CommandOutput {
    let output = try run(node)
    if case .result(let result) = output, result.isExportable { session.lastResult = result }
    return output
  }

  private func run(_ node: CommandNode) throws -> CommandOutput {
    switch node.command {
    case .load(let path): return .result(try load(path))
    case .info: return .result(try info(at: node.range))
    case .layers: return .result(try layers(at: node.range))
    case .selectLayer(let name): return .result(try selectLayer(name))
    case .graph(let command): return .result(try graph(command, at: node.range))
    case .instances(let className): return .result(try instancePanel(className, at: node.range))
    case .show(let id): return .result(try show(id))
    case .defineSubset(let name, let predicate):
      return .result(try defineSubset(name: name, predicate: predicate, at: node.range))
    case .subsetFromFile(let name, let path):
      return .result(try defineSubset(name: name, fromFile: path, at: node.range))
    case .subsets: return .result(try listSubsets(at: node.range))
    case .save(let path):
      guard session.bundle != nil else {
        throw Diagnostic.error("nothing to save: no bundle is loaded", at: node.range)
      }
      return .save(script: SessionScript(session: session).text, path: path)
    case .subsetsBy(let field, let bins): return .result(try splitSubsets(by: field, bins: bins, at: node.range))
    case .members(let name): return .result(try members(of: name))
    case .matrix(let options): return .result(try matrix(options, at: node.range))
    case .add(let rows): return .result(try addRows(rows, at: node.range))
    case .remove(let rows): return .result(try removeRows(rows, at: node.range))
    case .compare(let rows, let top): return .result(try compare(rows, top: top, at: node.range))
    case .project(let request): return .result(try project(request, at: node.range))
    case .colorBy(let key): return .result(try colorBy(key))
    case .neurons(let query): return .result(try neurons(query, at: node.range))
    case .export(let format, let path):
      guard let last = session.lastResult else {
        throw Diagnostic.error("nothing to export yet: run a command that shows a result first", at: node.range)
      }
      return .export(last, format: format.value, path: path)
    case .setTimer(let on):
      session.timer = on.value
      return .result(.message("timer \(on.value ? "on: each command's time goes to standard error" : "off")"))
    case .setFormat(let format):
      session.format = format.value
      return .formatChanged(format.value)
    case .help(let topic): return .result(try help(topic))
    case .quit: return .quit
    }
  }
}

extension Evaluator {
  /// The open bundle and what was derived from it, or an error telling how
  /// to open one.
  func requireWorkspace(at range: SourceRange) throws -> Workspace {
    guard let workspace = session.workspace else {
      throw Diagnostic.error("no bundle is loaded; use 'load <path>' first", at: range)
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
      throw Diagnostic.error("no instance has id \(id.value) (\(span))", at: id.range)
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
