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

/// SVG pictures of results.
enum SVGExport {
  static func render(_ result: CommandResult) -> String? {
    switch result {
    case .graph(let graph): GraphResultRenderer.svg(graph)
    default: nil
    }
  }
}
