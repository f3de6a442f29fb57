import ActivisCore

/// Renders any result in the chosen format.
package enum ResultRenderer {
  /// The text to print, or nil when the result prints nothing in this format
  /// (a confirmation message outside table format).
  package static func render(_ result: CommandResult, options: RenderOptions) -> String? {
    switch options.format {
    case .csv: return DelimitedWriter.csv.render(result)
    case .tsv: return DelimitedWriter.tsv.render(result)
    case .json: return JSONWriter.render(result)
    case .table: return text(result, options: options)
    }
  }

  private static func text(_ result: CommandResult, options: RenderOptions) -> String {
    switch result {
    case .message(let message): return message + "\n"
    case .text(let text): return text.hasSuffix("\n") ? text : text + "\n"
    case .table(let table): return TableRenderer.render(table, width: options.width)
    case .matrix(let matrix):
      return MatrixTextRenderer.render(matrix, width: options.width, useColor: options.useColor)
    case .layeredMatrix(let blocks):
      return LayeredMatrixRenderer.text(blocks, width: options.width, useColor: options.useColor)
    case .instancePanel(let panel):
      return InstancePanelTextRenderer.render(panel, width: options.width, useColor: options.useColor)
    case .projection(let projection):
      return ScatterPlotTextRenderer.render(projection, width: options.width, useColor: options.useColor)
    case .graph(let graph): return GraphResultRenderer.text(graph, width: options.width, useColor: options.useColor)
    }
  }

  /// The result as an SVG 1.1 picture, or nil for messages, prose and
  /// tables without a heatmap, which have none.
  package static func svg(_ result: CommandResult) -> String? {
    switch result {
    case .matrix(let matrix): MatrixSVGRenderer.render(matrix)
    case .layeredMatrix(let blocks): LayeredMatrixRenderer.svg(blocks)
    case .instancePanel(let panel): InstancePanelSVGRenderer.render(panel)
    case .projection(let projection): ScatterPlotSVGRenderer.render(projection)
    case .graph(let graph): GraphResultRenderer.svg(graph)
    case .table(let table): table.heatmap.map(HeatmapSVGRenderer.render)
    case .message, .text: nil
    }
  }
}
