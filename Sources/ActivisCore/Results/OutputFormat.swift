/// How results print on standard output: one type from the command line
/// (`--format`) through the session (`set format`) to the renderer.
public enum OutputFormat: String, Equatable, Sendable, CaseIterable {
  /// Aligned text: boxes, shaded matrices, character pictures.
  case table
  case csv
  case tsv
  case json
}
