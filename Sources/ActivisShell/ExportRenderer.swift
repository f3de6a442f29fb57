import ActivisCore
import ActivisLanguage
import ActivisRender

/// The file contents `export <format>` writes for a result.
enum ExportRenderer {
  /// The rendered file, or nil for results that have no such form.
  /// - Throws: a `Diagnostic`-ready message when the format does not apply.
  static func render(_ result: CommandResult, as format: ExportFormat) throws -> String? {
    switch format {
    case .csv: return ResultRenderer.render(result, options: RenderOptions(format: .csv))
    case .tsv: return ResultRenderer.render(result, options: RenderOptions(format: .tsv))
    case .json: return ResultRenderer.render(result, options: RenderOptions(format: .json))
    case .svg: return SVGExport.render(result)
    }
  }
}

/// SVG pictures of results: the matrix heatmap, the instance panel, the
/// scatter plot and the graph (tables, messages and prose have none).
enum SVGExport {
  static func render(_ result: CommandResult) -> String? {
    ResultRenderer.svg(result)
  }
}
