import ActivisCore

/// CSV (RFC 4180) and TSV renderings of results, in the shapes the language
/// fixes: a matrix is `row,size,<neuron>…`, a projection `id,x,y,label,predicted`.
package struct DelimitedWriter: Sendable {
  package let separator: Character

  package static let csv = DelimitedWriter(separator: ",")
  package static let tsv = DelimitedWriter(separator: "\t")

  /// The result as lines with a header, or nil for results without a
  /// tabular form (messages).
  package func render(_ result: CommandResult) -> String? {
    switch result {
    case .message: return nil
    case .text(let text): return text.hasSuffix("\n") ? text : text + "\n"
    case .table(let table): return render(table)
    case .matrix(let matrix): return render(matrix)
    case .layeredMatrix(let blocks): return lines(LayeredMatrixRenderer.table(blocks))
    case .instancePanel(let panel): return render(panel)
    case .projection(let projection): return render(projection)
    case .graph(let graph): return render(graph)
    }
  }

  func render(_ table: ResultTable) -> String {
    lines([table.columns] + table.rows.map { $0.map(\.exactText) })
  }

  func render(_ matrix: MatrixResult) -> String {
    let header = ["row", "size"] + matrix.columns.map { matrix.neuronNames[$0] }
    let rows = matrix.rows.map { row in
      [row.label, String(row.statistics.count)] + matrix.columns.map { NumberText.exact(row.statistics.mean[$0]) }
    }
    return lines([header] + rows)
  }

  func render(_ panel: InstancePanel) -> String {
    var rows = [["label", "id", "predicted", "correct", "score"]]
    for group in panel.groups {
      for (entries, correct) in [(group.correct, "true"), (group.misclassified, "false")] {
        for entry in entries {
          rows.append([panel.classes[group.label], String(entry.id), panel.classes[entry.predicted], correct,
                       entry.score.map(NumberText.exact) ?? ""])
        }
      }
    }
    return lines(rows)
  }

  func render(_ projection: ProjectionResult) -> String {
    var rows = [["id", "x", "y", "label", "predicted"]]
    for i in projection.ids.indices {
      rows.append([String(projection.ids[i]), NumberText.exact(projection.x[i]), NumberText.exact(projection.y[i]),
                   projection.labels[i], projection.predicted[i]])
    }
    return lines(rows)
  }

  func render(_ graph: GraphResult) -> String {
    var rows = [["id", "kind", "op", "group", "shape", "inputs", "outputs", "layer"]]
    for node in graph.graph.nodes {
      let shape = node.shape.map { $0.map { $0.map(String.init) ?? "?" }.joined(separator: "x") } ?? ""
      rows.append([node.id, node.kind.rawValue, node.op ?? "", node.group ?? "", shape,
                   node.inputs.joined(separator: " "), node.outputs.joined(separator: " "),
                   graph.layers[node.id] ?? ""])
    }
    return lines(rows)
  }

  private func lines(_ rows: [[String]]) -> String {
    var output = ""
    for row in rows {
      output += row.map(field).joined(separator: String(separator))
      output += "\n"
    }
    return output
  }

  /// CSV quotes fields holding the separator, a quote or a line break; TSV
  /// replaces tabs and line breaks by spaces (TSV has no quoting).
  private func field(_ text: String) -> String {
    if separator == "\t" {
      return String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
    guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

import Foundation
