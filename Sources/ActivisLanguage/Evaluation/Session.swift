import ActivisCore

/// Everything the user has built in a shell session: the open bundle and
/// what was derived from it (its `Workspace`), the last result, settings.
///
/// Errors never leave the session half-changed: each command validates
/// everything before it changes anything. Opening a bundle replaces the
/// whole workspace in one assignment (`open`), so nothing derived from the
/// previous bundle — selection, subsets, rows, colours, graph view, caches —
/// can survive it.
public final class Session {
  /// A named set of instances and its closed definition.
  public struct Subset: Sendable {
    public var name: String
    /// The definition, closed: every neuron condition names its layer and
    /// `in <subset>` was replaced by that subset's definition when this one
    /// was defined, so it means the same whatever is redefined later. For a
    /// subset read from an id list, `in file "<absolute path>"`.
    public var predicate: PredicateNode
    public var members: InstanceSet
    /// The field of the `subsets by` that defined it, if one did.
    public var splitField: String? = nil

    public init(name: String, predicate: PredicateNode, members: InstanceSet, splitField: String? = nil) {
      self.name = name
      self.predicate = predicate
      self.members = members
      self.splitField = splitField
    }

    /// The absolute path of the id list it was read from (`subset … from`).
    public var listFile: String? {
      if case .inFile(let path) = predicate.predicate { return path.value }
      return nil
    }

    /// The definition as `subsets` shows it: the predicate, typed back
    /// after `subset <name> = where`, or `from "<file>"`.
    public var definition: String {
      if let listFile { return "from " + Lexer.quoted(listFile) }
      return SourceText.predicate(predicate)
    }

    /// What follows `subset <name> =` to define it again.
    public var command: String {
      listFile == nil ? "where " + definition : definition
    }
  }

  /// A row of the matrix, as the user added it.
  public enum MatrixRow: Equatable, Sendable {
    case `class`(Int)
    case subset(String)
    case instance(row: Int)
  }

  /// The open bundle and everything derived from it.
  public internal(set) var workspace: Workspace?
  /// What the last result-producing command returned, for `export`.
  public internal(set) var lastResult: CommandResult?
  /// How results print on standard output.
  public internal(set) var format: OutputFormat
  /// Whether the shell reports each command's time (`set timer on`).
  public internal(set) var timer = false

  /// Reports progress of long commands (a line, or nil when done); the
  /// shell sets it when standard error is a terminal.
  public var progress: ((String?) -> Void)?

  public init(format: OutputFormat = .table) {
    self.format = format
  }

  /// Makes `bundle` current with a fresh workspace; nothing of the previous
  /// bundle's is kept.
  func open(_ bundle: ActivationBundle) {
    workspace = Workspace(bundle: bundle)
    lastResult = nil
  }

  public var bundle: ActivationBundle? { workspace?.bundle }
  public var layer: Layer? { workspace?.layer }
  /// Subsets in the order they were first defined.
  public var subsets: [Subset] { workspace?.subsets ?? [] }
  /// The matrix rows, in order.
  public var matrixRows: [MatrixRow] { workspace?.matrixRows ?? [] }
  /// What colours the points of a projection.
  public var colorKey: ColorKey { workspace?.colorKey ?? .label }

  /// The subset with this name.
  public func subset(named name: String) -> Subset? { workspace?.subset(named: name) }
}
