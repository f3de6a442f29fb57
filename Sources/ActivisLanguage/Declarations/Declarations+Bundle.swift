/// The bundle and model commands: `load`, `info`, `graph`, `layers`, `select`, `diff`.
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
      run: { arguments, evaluator in .result(try evaluator.load(arguments.text("path")!)) }),
    CommandDeclaration(
      "info",
      abstract: "summarise the bundle: instances, classes, accuracy, layers, graph",
      discussion: """
        Shows the bundle's name and description, the number of instances and of classes, \
        the accuracy, the recorded layers and the size of the computation graph.
        """,
      examples: ["info"],
      run: { arguments, evaluator in .result(try evaluator.info(at: arguments.range)) }),
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
      run: { arguments, evaluator in
        var command = arguments.text("node").map(GraphCommand.node) ?? .overview
        if let depth = arguments.integer("depth") { command = .depth(depth) }
        if let group = arguments.text("group") { command = arguments.has("expand") ? .expand(group) : .collapse(group) }
        return .result(try evaluator.graph(command, at: arguments.range))
      }),
    CommandDeclaration(
      "layers",
      abstract: "list the layers that have activations",
      discussion: "For each layer: its name, graph node, number of neurons, dtype and size.",
      examples: ["layers"],
      run: { arguments, evaluator in .result(try evaluator.layers(at: arguments.range)) }),
    CommandDeclaration(
      "select", syntax: .sequence([.keyword("layer"), .name("name", .layer, "a layer name")]),
      abstract: "make a layer current",
      discussion: """
        The current layer is the one 'matrix', 'compare', 'project', 'neurons' and 'show' \
        use. The name is a layer name or its graph node.
        """,
      examples: ["select layer concat", "select layer fc"],
      run: { arguments, evaluator in .result(try evaluator.selectLayer(arguments.text("name")!)) }),
    CommandDeclaration(
      "diff", syntax: .sequence([.path("other"), .optional(.keyword("all"))]),
      abstract: "compare with another model on the same instances (linear CKA)",
      discussion: """
        The path names a second bundle with the same instance ids (any layers, any widths); \
        it is opened read-only. Per layer name both bundles have: the neurons on each side \
        and the linear CKA between the two activation matrices over the shared instances \
        (1: the same up to a rotation and scaling of the neurons; 0: unrelated). 'all' \
        compares every layer here with every layer there, drawn as a shaded grid (export \
        svg). The notes give the instances used and, per pair of classes, the predictions \
        that changed, which 'subset changed = where changed from "<bundle>"' makes a subset.
        """,
      examples: ["diff ../out/trec-bundle-epoch1", "diff \"runs/model 2\" all"],
      run: { arguments, evaluator in
        .result(try evaluator.diff(arguments.text("other")!, all: arguments.has("all"), at: arguments.range))
      }),
  ]
}
