import ActivisCore

/// Everything the user has built in a shell session: the open bundle and
/// what was derived from it (its `Workspace`), the last result, settings.
///
/// Errors never leave the session half-changed: each command validates
/// everything before it changes anything. Opening a bundle replaces the
/// whole workspace in one assignment (`open`), so nothing derived from the
/// previous bundle — selection, subsets, rows, colours, graph view, caches —
/// can survive it.
package final class Session {
  /// A named set of instances and its closed definition.
  package struct Subset: Sendable {
    package var name: String
    /// The definition, closed: every neuron condition names its layer and
    /// `in <subset>` was replaced by that subset's definition when this one
    /// was defined, so it means the same whatever is redefined later. For a
    /// subset read from an id list, `in file "<absolute path>"`.
    package var predicate: PredicateNode
    package var members: InstanceSet
    /// The field of the `subsets by` that defined it, if one did.
    package var splitField: String? = nil
    /// For a subset the bundle's aggregates define (format 1.1): its group
    /// there; its members are the sample's, its statistics exact.
    package var aggregateGroup: Int? = nil
    /// The condition it was exported with (Spark SQL), for `subsets`.
    package var exportedCondition: String? = nil

    package init(name: String, predicate: PredicateNode, members: InstanceSet, splitField: String? = nil) {
      self.name = name
      self.predicate = predicate
      self.members = members
      self.splitField = splitField
    }

    /// The absolute path of the id list it was read from (`subset … from`).
    package var listFile: String? {
      if case .inFile(let path) = predicate.predicate { return path.value }
      return nil
    }

    /// The definition as `subsets` shows it: the predicate, typed back
    /// after `subset <name> = where`, or `from "<file>"`.
    package var definition: String {
      if let exportedCondition { return "exported: " + exportedCondition }
      if let listFile { return "from " + Lexer.quoted(listFile) }
      return SourceText.predicate(predicate)
    }

    /// What follows `subset <name> =` to define it again.
    package var command: String {
      listFile == nil ? "where " + definition : definition
    }
  }

  /// A row of the matrix, as the user added it.
  package enum MatrixRow: Equatable, Sendable {
    case `class`(Int)
    case subset(String)
    case instance(row: Int)
  }

  /// The open bundle and everything derived from it.
  package internal(set) var workspace: Workspace?
  /// What the last result-producing command returned, for `export`.
  package internal(set) var lastResult: CommandResult?
  /// How results print on standard output.
  package internal(set) var format: OutputFormat
  /// Whether the shell reports each command's time (`set timer on`).
  package internal(set) var timer = false

  /// Warnings of the last commands (a bundle's repaired text, …), for the
  /// shell to print on standard error whatever the output format.
  package internal(set) var warnings: [String] = []

  /// The warnings not printed yet; they are forgotten.
  package func takeWarnings() -> [String] {
    defer { warnings = [] }
    return warnings
  }

  /// Reports progress of long commands (a line, or nil when done); the
  /// shell sets it when standard error is a terminal.
  package var progress: ((String?) -> Void)?
  /// The parsed-table cache `load` reads and fills; `nil` parses every time.
  package var instanceCache: InstanceCache?

  package init(format: OutputFormat = .table) {
    self.format = format
  }

  /// Makes `bundle` current with a fresh workspace; nothing of the previous
  /// bundle's is kept.
  func open(_ bundle: ActivationBundle) {
    workspace = Workspace(bundle: bundle)
    lastResult = nil
  }

  package var bundle: ActivationBundle? { workspace?.bundle }
  package var layer: Layer? { workspace?.layer }
  /// Subsets in the order they were first defined.
  package var subsets: [Subset] { workspace?.subsets ?? [] }
  /// The matrix rows, in order.
  package var matrixRows: [MatrixRow] { workspace?.matrixRows ?? [] }
  /// What colours the points of a projection.
  package var colorKey: ColorKey { workspace?.colorKey ?? .label }

  /// The subset with this name.
  package func subset(named name: String) -> Subset? { workspace?.subset(named: name) }
}
