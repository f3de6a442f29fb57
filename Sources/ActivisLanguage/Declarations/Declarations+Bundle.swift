/// The bundle and model commands: `load`, `info`, `graph`, `layers`, `select`.
extension CommandDeclaration {
  static let bundleCommands: [CommandDeclaration] = [
    CommandDeclaration(
      "load", syntax: .path("path"),
      abstract: "open a bundle and make it current",
      discussion: """
        The path names a bundle directory; write it in double quotes if it has spaces. \
        The first layer becomes the current layer.
        """,
      examples: ["load trec-cnn", "load \"runs/model 2\"", "load ../bundles/mnist"],
      build: { .load(path: $0.text("path")!) }),
    CommandDeclaration(
      "info",
      abstract: "summarise the bundle: instances, classes, accuracy, layers, graph",
      discussion: """
        Shows the bundle's name and description, the number of instances and of classes, \
        the accuracy, the recorded layers and the size of the computation graph.
        """,
      examples: ["info"],
      build: { _ in .info }),
    CommandDeclaration(
      "graph",
      syntax: .optional(.choice([
        .guarded(.sequence([.keyword("depth"), .integer("depth", minimum: 0)]), .number),
        .guarded(.sequence([.keyword("expand"), .name("group", .group, "a group name")]), .more),
        .guarded(.sequence([.keyword("collapse"), .name("group", .group, "a group name")]), .more),
        .name("node", .graphNode, "a graph node"),
      ])),
      abstract: "draw the computation graph, or one node's neighbourhood",
      discussion: """
        Without an argument, draws the graph as a text DAG and marks the data nodes that \
        have activations. 'graph <node>' shows one node with its op, shape and attributes. \
        'depth' collapses groups nested deeper than n; 'expand' and 'collapse' open and \
        close one group. Quote a node named 'depth', 'expand' or 'collapse'.
        """,
      examples: ["graph", "graph cat_1", "graph depth 1", "graph expand encoder/conv3",
                 "graph collapse encoder"],
      build: { arguments in
        if let depth = arguments.integer("depth") { return .graph(.depth(depth)) }
        if let group = arguments.text("group") {
          return .graph(arguments.has("expand") ? .expand(group) : .collapse(group))
        }
        return .graph(arguments.text("node").map(GraphCommand.node) ?? .overview)
      }),
    CommandDeclaration(
      "layers",
      abstract: "list the layers that have activations",
      discussion: "For each layer: its name, graph node, number of neurons, dtype and size.",
      examples: ["layers"],
      build: { _ in .layers }),
    CommandDeclaration(
      "select", syntax: .sequence([.keyword("layer"), .name("name", .layer, "a layer name")]),
      abstract: "make a layer current",
      discussion: """
        The current layer is the one 'matrix', 'compare', 'project', 'neurons' and 'show' \
        use. The name is a layer name or its graph node.
        """,
      examples: ["select layer concat", "select layer fc"],
      build: { .selectLayer($0.text("name")!) }),
  ]
}
