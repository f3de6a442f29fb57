import ActivisCore

/// The commands that answer with measures over many instances: `separability`, `suggest`.
extension CommandDeclaration {
  static let analysisCommands: [CommandDeclaration] = [
    CommandDeclaration(
      "separability",
      syntax: .options([
        .sequence([.keyword("of"), .name("of", .subsetOrClass, "a subset or class name", placeholder: "<subset>")]),
        .sequence([.keyword("sample"), .integer("sample", minimum: Evaluator.minimumSeparabilitySample)]),
      ]),
      abstract: "measure how well each layer separates the classes",
      discussion: """
        One row per layer. probe_accuracy is the 5-fold cross-validated accuracy of a \
        linear classifier (multinomial logistic regression, L2 penalty with C = 1, fitted \
        by L-BFGS) on activations standardised with each training part's means and \
        standard deviations; the folds are stratified and fixed (the i-th instance of a \
        class, in row order, is in fold i mod 5), so the same instances give the same \
        number. silhouette is the mean silhouette coefficient with Euclidean distance \
        and the true labels as clusters, as scikit-learn's silhouette_score. Both use \
        the labelled instances (of a subset or class with 'of'); above 5,000 of them, a \
        stratified sample of that many ('sample' sets how many), said in a note. Every \
        class needs at least 5 instances; instances with NaN or infinite activations in \
        a layer are left out of that layer, and said so.
        """,
      examples: ["separability", "separability of whatis", "separability sample 2000"],
      run: { arguments, evaluator in
        .result(try evaluator.separability(of: arguments.text("of"), sample: arguments.integer("sample"),
                                           at: arguments.range))
      }),
    CommandDeclaration(
      "suggest",
      syntax: .options([
        .sequence([.keyword("for"), .name("for", .className, "a class name", placeholder: "<class>")]),
        .sequence([.keyword("top"), .integer("top", minimum: 1)]),
      ]),
      abstract: "suggest subsets whose activations differ most from the rest",
      discussion: """
        Candidates are the leading phrases of the text (its first one, two and three \
        words, as 'text starts'), each value of a categorical attribute, the quartile \
        ranges of each numeric attribute, and 'misclassified'; with 'for', within that \
        class (each definition starts 'label = <class> and'). Each candidate S with at \
        least 10 instances, and at least 10 left outside it, is compared in the current \
        layer with the rest R of the class (or of all instances), on activations \
        centred on their class's mean so that a subset is compared with the rest of its \
        own class: per neuron, \
        d = (mean of S − mean of R) / pooled standard deviation (Cohen's d), and \
        divergence = √max(0, mean over neurons of d² − (1/|S| + 1/|R|)): the root mean \
        square effect beyond what a random subset of that size shows, so small subsets \
        are not favoured. Every definition can be given to 'subset <name> = where' and \
        selects exactly 'size' instances; accuracy is theirs. 'top' keeps the first n \
        (10 by default). Instances with NaN or infinite activations are left out of the \
        divergence; above 20,000 instances it is computed on a sample.
        """,
      examples: ["suggest", "suggest for NUM", "suggest for NUM top 5"],
      run: { arguments, evaluator in
        .result(try evaluator.suggest(for: arguments.text("for"), top: arguments.integer("top"), at: arguments.range))
      }),
  ]
}
