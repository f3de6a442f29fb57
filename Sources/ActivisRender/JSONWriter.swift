import ActivisCore

/// JSON renderings of results. Non-finite numbers are written as `null`.
package enum JSONWriter {
  package static func render(_ result: CommandResult) -> String? {
    switch result {
    case .message: return nil
    case .text(let text): return string(text) + "\n"
    case .table(let table): return render(table) + "\n"
    case .matrix(let matrix): return render(matrix) + "\n"
    case .layeredMatrix(let blocks): return LayeredMatrixRenderer.json(blocks) + "\n"
    case .instancePanel(let panel): return render(panel) + "\n"
    case .projection(let projection): return render(projection) + "\n"
    case .graph(let graph): return render(graph) + "\n"
    }
  }

  /// An array of objects, one per row, keyed by column name.
  static func render(_ table: ResultTable) -> String {
    array(table.rows.map { row in
      object(zip(table.columns, row).map { ($0, value($1)) })
    })
  }

  /// `{"layer", "neurons", "order": {"by", "row"?}, "rows": [{"row", "kind", "size", "mean", "std", "min", "max"}]}`
  static func render(_ matrix: MatrixResult) -> String {
    let rows = matrix.rows.map { row -> String in
      let s = row.statistics
      var fields: [(String, String)] = [
        ("row", string(row.label)), ("kind", string(row.kind.rawValue)), ("size", String(s.count)),
        ("mean", floats(matrix.columns.map { s.mean[$0] })),
        ("std", floats(matrix.columns.map { s.standardDeviation[$0] })),
        ("min", floats(matrix.columns.map { s.minimum[$0] })),
        ("max", floats(matrix.columns.map { s.maximum[$0] })),
      ]
      if !s.nonFiniteCounts.isEmpty {
        fields.append(("nonfinite", array(matrix.columns.map { String(s.nonFiniteCounts[$0]) })))
      }
      switch row.basis {
      case .instances: break
      case .exact(let rows): fields.append(("basis", object([("exact", String(rows))])))
      case .sample(let size): fields.append(("basis", object([("sample", String(size))])))
      }
      return object(fields)
    }
    return object([
      ("layer", string(matrix.layer)),
      ("neurons", array(matrix.columns.map { string(matrix.neuronNames[$0]) })),
      ("order", object([("by", string(matrix.order.name))]
        + { if case .strongest(let row) = matrix.order { [("row", string(row))] } else { [] } }())),
      ("rows", array(rows)),
    ])
  }

  static func render(_ panel: InstancePanel) -> String {
    func entries(_ list: [InstancePanel.Entry]) -> String {
      array(list.map { entry in
        object([("id", String(entry.id)), ("predicted", string(panel.classes[entry.predicted])),
                ("score", entry.score.map(number) ?? "null")])
      })
    }
    return object([
      ("classes", array(panel.classes.map(string))),
      ("groups", array(panel.groups.map { group in
        object([("label", string(panel.classes[group.label])), ("correct", entries(group.correct)),
                ("misclassified", entries(group.misclassified))])
      })),
    ])
  }

  static func render(_ projection: ProjectionResult) -> String {
    object([
      ("layer", string(projection.layer)),
      ("method", string(projection.method)),
      ("points", array(projection.ids.indices.map { i in
        object([("id", String(projection.ids[i])), ("x", number(projection.x[i])), ("y", number(projection.y[i])),
                ("label", string(projection.labels[i])), ("predicted", string(projection.predicted[i]))])
      })),
    ])
  }

  static func render(_ graph: GraphResult) -> String {
    array(graph.graph.nodes.map { node in
      var fields: [(String, String)] = [("id", string(node.id)), ("kind", string(node.kind.rawValue))]
      if let op = node.op { fields.append(("op", string(op))) }
      if let group = node.group { fields.append(("group", string(group))) }
      if let shape = node.shape { fields.append(("shape", array(shape.map { $0.map(String.init) ?? "null" }))) }
      fields.append(("inputs", array(node.inputs.map(string))))
      fields.append(("outputs", array(node.outputs.map(string))))
      if let layer = graph.layers[node.id] { fields.append(("layer", string(layer))) }
      return object(fields)
    })
  }

  static func value(_ cell: Cell) -> String {
    switch cell {
    case .text(let text): string(text)
    case .integer(let value): String(value)
    case .float(let value): number(value)
    case .double(let value): value.isFinite ? NumberText.exact(value) : "null"
    case .missing: "null"
    }
  }

  static func number(_ value: Float) -> String { value.isFinite ? NumberText.exact(value) : "null" }
  static func floats(_ values: [Float]) -> String { array(values.map(number)) }
  static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
  static func object(_ fields: [(String, String)]) -> String {
    "{" + fields.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
  }

  /// A JSON string literal.
  static func string(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}
