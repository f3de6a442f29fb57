import ActivisCore

extension TestBundle {
  /// Writes a whole valid bundle in one call and returns it.
  ///
  /// The instance count is taken from the first non-nil of `ids`, `labels`,
  /// `predicted`, `texts`, or the first layer's rows; every given column must
  /// have that many values.
  ///
  /// - Parameters:
  ///   - classes: the manifest's `classes`, or nil to let the reader derive them.
  ///   - ids: the `id` column; default `0 ..< N`.
  ///   - labels, predicted, texts: the reserved columns, left out when nil.
  ///   - scores: `score:<class>` columns, in order.
  ///   - attributes: other columns as raw CSV field text (`""` = missing).
  ///   - layers: written under `activations/` and listed in the manifest.
  ///   - graph: `graph.json` text, written and listed when not nil.
  ///   - lineEnding: `"\n"` or `"\r\n"` for `instances.csv`.
  public static func make(
    name: String = "test", classes: [String]? = nil, ids: [Int64]? = nil, labels: [String]? = nil,
    predicted: [String]? = nil, texts: [String]? = nil,
    scores: [(className: String, values: [Double])] = [],
    attributes: [(name: String, values: [String])] = [], layers: [TestLayer] = [],
    graph: String? = nil, lineEnding: String = "\n"
  ) throws -> TestBundle {
    let firstCounts: [Int?] = [ids?.count, labels?.count, predicted?.count, texts?.count]
    let count: Int = firstCounts.compactMap { $0 }.first ?? layers.first?.shape[0] ?? 0
    var header = ["id"]
    var columns: [[String]] = [(ids ?? (0 ..< Int64(count)).map { $0 }).map { String($0) }]
    func add(_ name: String, _ values: [String]?) {
      guard let values else { return }
      precondition(values.count == count, "column '\(name)' has \(values.count) values, not \(count)")
      header.append(name)
      columns.append(values)
    }
    add("text", texts)
    add("label", labels)
    add("predicted", predicted)
    for score in scores { add("score:" + score.className, score.values.map { "\($0)" }) }
    for attribute in attributes { add(attribute.name, attribute.values) }
    let rows = (0 ..< count).map { row in columns.map { $0[row] } }

    let bundle = try TestBundle()
    try bundle.writeInstances(header: header, rows: rows, lineEnding: lineEnding)
    var manifest = TestManifest(name: name, classes: classes, graph: graph == nil ? nil : "graph.json")
    for layer in layers {
      let rowWidth = layer.shape.dropFirst().reduce(1, *)
      for (file, rows) in zip(layer.files, layer.shardRows) {
        try bundle.writeNpy(
          file, values: Array(layer.values[rows.lowerBound * rowWidth ..< rows.upperBound * rowWidth]),
          shape: [rows.count] + layer.shape.dropFirst(), dtype: layer.dtype, version: layer.version)
      }
      manifest.layers.append(
        .init(name: layer.name, node: layer.node, files: layer.files, neurons: layer.neurons))
    }
    try bundle.writeManifest(manifest)
    if let graph { try bundle.writeGraph(json: graph) }
    return bundle
  }
}
