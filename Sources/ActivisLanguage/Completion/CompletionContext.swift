/// What tab completion should offer at the cursor: where the word being
/// completed starts, and what kind of word belongs there.
///
/// The language knows the grammar; the shell knows the session's names. The
/// shell fills in layer, class, subset or file names for `kind`, adds
/// `keywords`, and keeps the candidates that start with `prefix`.
package struct CompletionContext: Equatable, Sendable {
  /// The kind of word the grammar expects at the cursor.
  package enum Kind: Equatable, Sendable {
    /// A command word (`CommandCatalog.commandNames`).
    case command
    /// Only the given keywords.
    case keywords([String])
    /// A layer name (`select layer …`).
    case layer
    /// A class name (`instances …`, `score …`, `label = …`).
    case className
    /// A subset name (`project tsne of …`).
    case subset
    /// A subset or class name (`members …`, `in …`).
    case subsetOrClass
    /// A matrix row: a class, a subset or `#id` (`add`, `compare`, `sort by`).
    case row
    /// A file or directory path (`load`, `export`).
    case file
    /// An instance attribute (the left of a comparison).
    case attribute
    /// An instance attribute or a subset (`color by …`).
    case attributeOrSubset
    /// A node of the computation graph (`graph …`).
    case graphNode
    /// A group of the computation graph (`graph expand …`).
    case group
    /// Nothing can be completed here (a number, a string, a comment).
    case none
  }

  /// The UTF-8 offset in the line where the word being completed starts
  /// (after the opening quote inside a quoted string).
  package var wordStart: Int
  /// The part of the word already typed, from `wordStart` to the cursor.
  package var prefix: String
  /// What kind of name belongs here.
  package var kind: Kind
  /// Keywords that may also be written here, besides names of `kind`
  /// (`variance` and `cluster` after `sort by`); empty when `kind` is
  /// `.keywords`, which lists them itself.
  package var keywords: [String]

  /// Creates a context.
  package init(wordStart: Int, prefix: String, kind: Kind, keywords: [String] = []) {
    self.wordStart = wordStart
    self.prefix = prefix
    self.kind = kind
    self.keywords = keywords
  }
}
