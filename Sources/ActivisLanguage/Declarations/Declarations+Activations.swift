import ActivisCore

/// The activation commands: `matrix`, `add`, `remove`, `compare`, `project`, `color`, `neurons`.
extension CommandDeclaration {
  static let activationCommands: [CommandDeclaration] = [
    CommandDeclaration(
      "matrix",
      syntax: .options([
        .sequence([.keyword("neurons"), .value(Parameter("neurons", .neuronRange, placeholder: "<from>..<to>",
                                                          description: "a neuron range like 0..99"))]),
        matrixSortBy,
        // Layer names up to the end, or to a `sort by` that follows them.
        .sequence([.keyword("layers"), .repeated(.choice([
          .once(.guarded(matrixSortBy, .more)),
          .name("layer", .layer, "a layer name", placeholder: "<layer>"),
        ]))]),
      ]),
      abstract: "show the neuron activation matrix of the current layer",
      discussion: """
        One row per class (the mean activation of the instances with that true label), \
        then every added subset and instance; one column per neuron. 'neurons' keeps \
        columns from..to (0-based, inclusive). 'sort by' orders columns by one row's \
        activation, by variance across rows, or puts similar columns together (cluster). \
        Options may come in any order. 'layers' shows the same rows in several layers, one \
        block of columns per layer with its own shading, 'sort by' ordering each block on \
        its own (CSV columns are '<layer>:<neuron>'; quote a layer named 'sort').
        """,
      examples: ["matrix", "matrix neurons 10..50", "matrix sort by LOC",
                 "matrix sort by variance neurons 0..99", "matrix sort by #38",
                 "matrix sort by cluster", "matrix layers conv1 concat",
                 "matrix sort by cluster layers conv1 concat"],
      check: { arguments in
        if arguments.has("layers"), arguments.texts("layer").isEmpty {
          throw ParseFailure(Messages.matrixLayersNeedsALayer, at: arguments.range)
        }
      },
      run: { arguments, evaluator in
        var options = MatrixOptions()
        options.neurons = arguments.neuronRange("neurons")
        if let row = arguments.rows("row").first {
          options.order = Located(.row(row), row.range)
        } else if let word = arguments.text("variance") ?? arguments.text("cluster") {
          options.order = Located(word.value == "variance" ? .variance : .cluster, word.range)
        }
        if arguments.has("layers") {
          return .result(try evaluator.matrix(layers: arguments.texts("layer"), options, at: arguments.range))
        }
        return .result(try evaluator.matrix(options, at: arguments.range))
      }),
    CommandDeclaration(
      "add", syntax: .repeated(.row),
      abstract: "add instance or subset rows to the matrix",
      discussion: "A row is an instance '#id', a subset or a class.",
      examples: ["add #38 #47", "add whatis"],
      run: { arguments, evaluator in .result(try evaluator.addRows(arguments.rows("row"), at: arguments.range)) }),
    CommandDeclaration(
      "remove", syntax: .repeated(.row),
      abstract: "remove rows from the matrix",
      discussion: "Takes away rows that 'add' or 'subset' put in the matrix.",
      examples: ["remove #38", "remove whatis"],
      run: { arguments, evaluator in .result(try evaluator.removeRows(arguments.rows("row"), at: arguments.range)) }),
    CommandDeclaration(
      "compare",
      syntax: .repeated(.choice([
        // `top` followed by a number, `by` followed by a word, are options; anything else a row.
        .once(.guarded(.sequence([.keyword("top"), .integer("top", minimum: 1)]), .number)),
        .once(.guarded(.sequence([.keyword("by"), .oneOf("ranking", ["difference", "effect", "auroc"])]), .more)),
        .row,
      ])),
      abstract: "compare rows side by side and rank the neurons that differ most",
      discussion: """
        A row is an instance '#id', a class or a subset. For two classes or subsets each \
        neuron shows both means, their difference, the effect size (Cohen's d: the \
        difference over the pooled standard deviation) and the AUROC (the chance that a \
        member of the second is above one of the first, ties half, exact over every \
        member); 'by' ranks by one of them (difference by default, effect by its size, \
        auroc by its distance from 0.5). 'top' limits the ranking to n neurons. Quote a \
        row named 'top' or 'by'.
        """,
      examples: ["compare LOC HUM", "compare #38 #47 whatis top 10", "compare NUM whatis by auroc top 20",
                 "compare LOC HUM by effect"],
      check: { arguments in
        guard arguments.rows("row").count >= 2 else { throw ParseFailure(Messages.compareNeedsTwoRows, at: arguments.range) }
      },
      run: { arguments, evaluator in
        .result(try evaluator.compare(arguments.rows("row"), top: arguments.integer("top"),
                                      ranking: arguments.text("ranking"), at: arguments.range))
      }),
    CommandDeclaration(
      "project",
      syntax: .sequence([
        .oneOf("method", ProjectionMethod.allCases.map(\.rawValue)),
        .options([
          .sequence([.keyword("of"), .name("of", .subset, "a subset name", placeholder: "<subset>")]),
          .sequence([.keyword("sample"), .integer("sample", minimum: ProjectionRequest.minimumSample)]),
          ownedProjectionOption("perplexity", .sequence([.keyword("perplexity"), .number("perplexity", positive: true)])),
          ownedProjectionOption("iterations", .sequence([.keyword("iterations"), .integer("iterations", minimum: 1)])),
          ownedProjectionOption("learning rate",
                                .sequence([.keyword("learning"), .keyword("rate"), .number("rate", positive: true)])),
          .sequence([.keyword("seed"), .value(Parameter("seed", .seed, placeholder: "<n>",
                                                       description: "a non-negative integer"))]),
          ownedProjectionOption("init",
                                .sequence([.keyword("init"), .oneOf("init", ProjectionInitialization.allCases.map(\.rawValue))])),
          ownedProjectionOption("neighbors", .sequence([.keyword("neighbors"), .integer("neighbors", minimum: 2)])),
          ownedProjectionOption("min dist", .sequence([.keyword("min"), .keyword("dist"), .number("dist", positive: true)])),
        ]),
      ]),
      abstract: "draw a 2-D projection of the current layer's instances",
      discussion: """
        A t-SNE, PCA or UMAP projection drawn as a text scatter plot, lettered by true \
        class (see 'color'). 'of' projects one subset; 'sample' draws that many instances \
        at random; 'perplexity' tunes t-SNE; 'neighbors' (the neighbourhood size, the point \
        included; 15) and 'min dist' (how tightly points may pack, in (0, 1]; 0.1) tune \
        UMAP, whose 'init' is spectral by default and whose 'iterations' are epochs (500 up \
        to 10,000 instances, else 200). 'iterations', 'learning rate' and 'init' tune t-SNE \
        and UMAP; PCA takes only 'of', 'sample' and 'seed'. Options may come in any order.
        """,
      examples: ["project tsne", "project pca",
                 "project tsne of whatis sample 20000 perplexity 30 seed 7",
                 "project tsne iterations 1000 learning rate 200 init random",
                 "project umap neighbors 30 min dist 0.5 seed 3",
                 "project umap of whatis init spectral sample 20000"],
      run: { arguments, evaluator in
        var request = ProjectionRequest(method: arguments.choice("method", as: ProjectionMethod.self)!)
        request.subset = arguments.text("of")
        request.parameters = projectionParameters(arguments)
        return .result(try evaluator.project(request, at: arguments.range))
      }),
    CommandDeclaration(
      "color", aliases: ["colour"],
      syntax: .sequence([.keyword("by"), .choice([
        .oneOf("key", ["label", "predicted", "correct"]),
        .name("attribute", .attributeOrSubset, "an attribute or a subset", placeholder: "<attribute>|<subset>"),
      ])]),
      abstract: "choose what colours or letters the points of a projection",
      discussion: """
        A name is an attribute when the bundle has one of that name, else a subset: the \
        points are then coloured by whether they are in it. A quoted name is never a keyword.
        """,
      examples: ["color by predicted", "color by correct", "color by length", "color by whatis"],
      run: { arguments, evaluator in
        var key: Located<ColorKey>
        if let word = arguments.text("key") {
          let keys: [String: ColorKey] = ["label": .label, "predicted": .predicted, "correct": .correct]
          key = Located(keys[word.value] ?? .label, word.range)
        } else {
          let name = arguments.text("attribute")!
          key = Located(.attribute(name.value), name.range)
        }
        return .result(try evaluator.colorBy(key))
      }),
    CommandDeclaration(
      "neurons",
      syntax: .options([
        .sequence([.keyword("by"), .oneOf("statistic", NeuronStatistic.allCases.map(\.rawValue))]),
        .sequence([.keyword("top"), .integer("top", minimum: 1)]),
      ]),
      abstract: "neuron statistics for the current layer",
      discussion: """
        Per neuron: mean, standard deviation, minimum, maximum, the fraction of instances \
        where it is zero or below (dead), and how well it separates the classes. 'by' ranks \
        by one statistic; 'top' keeps the first n.
        """,
      examples: ["neurons", "neurons by separation top 20", "neurons top 5 by dead"],
      run: { arguments, evaluator in
        var query = NeuronQuery()
        query.ranking = arguments.choice("statistic", as: NeuronStatistic.self)
        query.top = arguments.integer("top")
        return .result(try evaluator.neurons(query, at: arguments.range))
      }),
    CommandDeclaration(
      "top",
      syntax: .sequence([
        .integer("count", minimum: 1), .keyword("for"), .keyword("neuron"),
        .name("neuron", .other, "a neuron index or name", placeholder: "<neuron>"),
        .options([
          .keyword("lowest"),
          .sequence([.keyword("of"), .name("of", .subsetOrClass, "a subset or class name", placeholder: "<subset>")]),
        ]),
      ]),
      abstract: "list the instances where one neuron of the current layer is strongest",
      discussion: """
        The n instances with the highest activation of the neuron (an index or a name), \
        or the lowest with 'lowest', among all instances or those of a subset or class: \
        id, activation, label, prediction and text. Exact over every instance; ties go in \
        row order, and NaN is in no ranking.
        """,
      examples: ["top 10 for neuron 17", "top 5 for neuron n3 lowest", "top 20 for neuron 17 of whatis"],
      run: { arguments, evaluator in
        .result(try evaluator.topInstances(
          arguments.integer("count")!, neuron: arguments.text("neuron")!, lowest: arguments.has("lowest"),
          of: arguments.text("of"), at: arguments.range))
      }),
    CommandDeclaration(
      "neighbors", aliases: ["neighbours"],
      syntax: .sequence([
        .value(Parameter("id", .instance, placeholder: "#<id>", description: "an instance id like '#38'")),
        .options([
          .sequence([.keyword("top"), .integer("top", minimum: 1)]),
          .oneOf("metric", RowDistances.Metric.allCases.map(\.rawValue)),
          .sequence([.keyword("of"), .name("of", .subsetOrClass, "a subset or class name", placeholder: "<subset>")]),
        ]),
      ]),
      abstract: "list the instances nearest to one in the current layer",
      discussion: """
        The n nearest other instances (10 without 'top') by euclidean distance, or by \
        cosine distance, among all instances or those of a subset or class: id, distance, \
        label, prediction and text, and how many share the instance's label and \
        prediction. Exact over every instance; instances with NaN or infinite \
        activations have no distance and are left out.
        """,
      examples: ["neighbors #38", "neighbors #38 top 20 cosine", "neighbours #120 euclidean of whatis"],
      run: { arguments, evaluator in
        .result(try evaluator.neighbors(
          of: arguments.instance("id")!, top: arguments.integer("top"),
          metric: arguments.choice("metric", as: RowDistances.Metric.self)?.value ?? .euclidean,
          among: arguments.text("of"), at: arguments.range))
      }),
  ]

  /// The t-SNE and PCA options in the order given, each located from its
  /// keyword to its value.
  static func projectionParameters(_ arguments: Arguments) -> [Located<ProjectionParameter>] {
    var parameters: [Located<ProjectionParameter>] = []
    var keyword: SourceRange?
    for (name, value) in arguments.entries {
      if case .keyword(let word) = value, word.value == name, name != "rate", name != "dist" {
        keyword = word.range
      }
      guard let start = keyword else { continue }
      let parameter: (ProjectionParameter, SourceRange)? = switch (name, value) {
      case ("sample", .integer(let count)): (.sample(count.value), count.range)
      case ("perplexity", .number(let value)): (.perplexity(value.value), value.range)
      case ("iterations", .integer(let count)): (.iterations(count.value), count.range)
      case ("rate", .number(let value)): (.learningRate(value.value), value.range)
      case ("seed", .seed(let seed)): (.seed(seed.value), seed.range)
      case ("init", .keyword(let word)) where word.range != start:
        (.initialization(ProjectionInitialization(rawValue: word.value) ?? .pca), word.range)
      case ("neighbors", .integer(let count)): (.neighbors(count.value), count.range)
      case ("dist", .number(let value)): (.minimumDistance(value.value), value.range)
      default: nil
      }
      if let (value, end) = parameter { parameters.append(Located(value, start.union(end))) }
    }
    return parameters
  }
}

extension CommandDeclaration {
  /// `sort by variance|cluster|<row>`, an option of `matrix` and of `matrix layers`.
  static let matrixSortBy: Syntax = .sequence([.keyword("sort"), .keyword("by"), .choice([
    .keyword("variance"), .keyword("cluster"),
    .value(Parameter("row", .row, description: "a row")),
  ])])
}

/// A `project` option that not every method has (see `ProjectionMethod.optionOwners`),
/// offered by completion only after the methods that have it.
private func ownedProjectionOption(_ option: String, _ syntax: Syntax) -> Syntax {
  .only(syntax, choice: "method", values: (ProjectionMethod.optionOwners[option] ?? []).map(\.rawValue))
}
