/// The commands of the language, in the order `help` lists them.
///
/// As DuckDB's `metadata_commands[]` or argument-parser's
/// `CommandConfiguration`: `help`, completion and "did you mean" read this
/// table, and a test parses every example.
public enum CommandCatalog {
  /// Every command, then the help topics that are not commands.
  public static let entries: [CommandEntry] = bundleCommands + instanceCommands
    + activationCommands + outputCommands + topics

  /// The command words and their aliases, for completion and suggestions.
  public static var commandNames: [String] {
    entries.filter(\.isCommand).flatMap { [$0.name] + $0.aliases }
  }

  /// Everything `help <topic>` accepts.
  public static var topicNames: [String] {
    entries.flatMap { [$0.name] + $0.aliases }
  }

  /// The entry for a command word, alias or topic (any case).
  public static func entry(for name: String) -> CommandEntry? {
    let key = name.lowercased()
    return entries.first { $0.name == key || $0.aliases.contains(key) }
  }

  static let bundleCommands: [CommandEntry] = [
    CommandEntry(
      name: "load", syntax: ["load <path>"],
      abstract: "open a bundle and make it current",
      discussion: """
        The path names a bundle directory; write it in double quotes if it has spaces. \
        The first layer becomes the current layer.
        """,
      examples: ["load trec-cnn", "load \"runs/model 2\"", "load ../bundles/mnist"]),
    CommandEntry(
      name: "info", syntax: ["info"],
      abstract: "summarise the bundle: instances, classes, accuracy, layers, graph",
      discussion: """
        Shows the bundle's name and description, the number of instances and of classes, \
        the accuracy, the recorded layers and the size of the computation graph.
        """,
      examples: ["info"]),
    CommandEntry(
      name: "graph",
      syntax: ["graph", "graph <node>", "graph depth <n>", "graph expand <group>",
               "graph collapse <group>"],
      abstract: "draw the computation graph, or one node's neighbourhood",
      discussion: """
        Without an argument, draws the graph as a text DAG and marks the data nodes that \
        have activations. 'graph <node>' shows one node with its op, shape and attributes. \
        'depth' collapses groups nested deeper than n; 'expand' and 'collapse' open and \
        close one group. Quote a node named 'depth', 'expand' or 'collapse'.
        """,
      examples: ["graph", "graph cat_1", "graph depth 1", "graph expand encoder/conv3",
                 "graph collapse encoder"]),
    CommandEntry(
      name: "layers", syntax: ["layers"],
      abstract: "list the layers that have activations",
      discussion: "For each layer: its name, graph node, number of neurons, dtype and size.",
      examples: ["layers"]),
    CommandEntry(
      name: "select", syntax: ["select layer <name>"],
      abstract: "make a layer current",
      discussion: """
        The current layer is the one 'matrix', 'compare', 'project', 'neurons' and 'show' \
        use. The name is a layer name or its graph node.
        """,
      examples: ["select layer concat", "select layer fc"]),
  ]

  static let instanceCommands: [CommandEntry] = [
    CommandEntry(
      name: "instances", syntax: ["instances [<class>]"],
      abstract: "list instance ids by true class, correct and misclassified",
      discussion: """
        For each true class (or only the one given), the ids of the correctly classified \
        instances, and the misclassified ones with the class they were mistaken for.
        """,
      examples: ["instances", "instances LOC"]),
    CommandEntry(
      name: "show", syntax: ["show #<id>"],
      abstract: "show one instance",
      discussion: """
        Its text, label, prediction, scores and attributes, and its strongest neurons in \
        the current layer.
        """,
      examples: ["show #38"]),
    CommandEntry(
      name: "subset",
      syntax: ["subset where <predicate>", "subset <name> = where <predicate>",
               "subset [<name> =] from <file>"],
      abstract: "define a subset of instances and add it to the matrix",
      discussion: """
        Without a name the subset is called s1, s2, and so on. Prints its name and size. \
        See 'help predicates' for the conditions. 'from' takes the instances whose ids a \
        file lists, chosen by any other tool: one id per line (38 or #38; blank lines and \
        lines starting with -- are skipped), or CSV with an 'id' column, such as \
        'members' prints with --format csv. Every id must be in the bundle.
        """,
      examples: ["subset where text starts \"What is\"",
                 "subset whatis = where text starts \"What is\" and label = DESC",
                 "subset wrong = where misclassified and not (predicted = LOC or in whatis)",
                 "subset dogs = from detector-hits.txt"]),
    CommandEntry(
      name: "subsets", syntax: ["subsets", "subsets by label|predicted|<attribute> [bins <n>]"],
      abstract: "list the defined subsets, or define one per value of a field",
      discussion: """
        'subsets' lists each subset's name, size and definition. 'subsets by' defines a \
        subset per class of label or predicted, per value of a categorical attribute, or \
        per range of a numeric attribute (n ranges of about equal size, 4 by default), \
        named field_value or field_1, field_2, …, and adds them to the matrix. Each is \
        defined by an ordinary predicate; instances with no value are in none of them.
        """,
      examples: ["subsets", "subsets by source", "subsets by predicted", "subsets by length bins 5"]),
    CommandEntry(
      name: "members", syntax: ["members <subset-or-class>"],
      abstract: "list the instances of a subset or class",
      discussion: "For each instance: its id, label, prediction and text.",
      examples: ["members whatis", "members LOC"]),
  ]

  static let activationCommands: [CommandEntry] = [
    CommandEntry(
      name: "matrix", syntax: ["matrix [neurons <from>..<to>] [sort by <row>|variance|cluster]"],
      abstract: "show the neuron activation matrix of the current layer",
      discussion: """
        One row per class (the mean activation of the instances with that true label), \
        then every added subset and instance; one column per neuron. 'neurons' keeps \
        columns from..to (0-based, inclusive). 'sort by' orders columns by one row's \
        activation, by variance across rows, or puts similar columns together (cluster). \
        Options may come in any order.
        """,
      examples: ["matrix", "matrix neurons 10..50", "matrix sort by LOC",
                 "matrix sort by variance neurons 0..99", "matrix sort by #38",
                 "matrix sort by cluster"]),
    CommandEntry(
      name: "add", syntax: ["add <row> …"],
      abstract: "add instance or subset rows to the matrix",
      discussion: "A row is an instance '#id', a subset or a class.",
      examples: ["add #38 #47", "add whatis"]),
    CommandEntry(
      name: "remove", syntax: ["remove <row> …"],
      abstract: "remove rows from the matrix",
      discussion: "Takes away rows that 'add' or 'subset' put in the matrix.",
      examples: ["remove #38", "remove whatis"]),
    CommandEntry(
      name: "compare", syntax: ["compare <row> <row> … [top <n>]"],
      abstract: "compare rows side by side and rank the neurons that differ most",
      discussion: """
        A row is an instance '#id', a class or a subset. 'top' limits the ranking to n \
        neurons. Quote a row named 'top'.
        """,
      examples: ["compare LOC HUM", "compare #38 #47 whatis top 10"]),
    CommandEntry(
      name: "project",
      syntax: ["project tsne|pca [of <subset>] [sample <n>] [perplexity <x>] [iterations <n>]",
               "        [learning rate <x>] [seed <n>] [init pca|random]"],
      abstract: "draw a 2-D projection of the current layer's instances",
      discussion: """
        A t-SNE or PCA projection drawn as a text scatter plot, lettered by true class \
        (see 'color'). 'of' projects one subset; 'sample' draws that many instances at \
        random; the others tune t-SNE. Options may come in any order.
        """,
      examples: ["project tsne", "project pca",
                 "project tsne of whatis sample 20000 perplexity 30 seed 7",
                 "project tsne iterations 1000 learning rate 200 init random"]),
    CommandEntry(
      name: "color", aliases: ["colour"],
      syntax: ["color by label|predicted|correct|<attribute>|<subset>"],
      abstract: "choose what colours or letters the points of a projection",
      discussion: """
        A name is an attribute when the bundle has one of that name, else a subset: the \
        points are then coloured by whether they are in it. A quoted name is never a keyword.
        """,
      examples: ["color by predicted", "color by correct", "color by length", "color by whatis"]),
    CommandEntry(
      name: "neurons", syntax: ["neurons [by mean|std|min|max|dead|separation] [top <n>]"],
      abstract: "neuron statistics for the current layer",
      discussion: """
        Per neuron: mean, standard deviation, minimum, maximum, the fraction of instances \
        where it is zero or below (dead), and how well it separates the classes. 'by' ranks \
        by one statistic; 'top' keeps the first n.
        """,
      examples: ["neurons", "neurons by separation top 20", "neurons top 5 by dead"]),
  ]

  static let outputCommands: [CommandEntry] = [
    CommandEntry(
      name: "export", syntax: ["export csv|tsv|json|svg <file>"],
      abstract: "write the last result to a file",
      discussion: """
        CSV, TSV and JSON hold the numbers; SVG draws the matrix heatmap, scatter plot, \
        graph or instance panel. Quote a path with spaces.
        """,
      examples: ["export csv matrix.csv", "export svg out/whatis.svg",
                 "export json \"my results.json\""]),
    CommandEntry(
      name: "save", syntax: ["save <file>"],
      abstract: "write a script that rebuilds this session",
      discussion: """
        The script loads the bundle, selects the layer, defines every subset again from its \
        predicate or id list, puts the matrix rows back in their order and restores the \
        projection colours. Paths in it are absolute. Replay it with 'activis -f <file>', or \
        'activis -i -f <file>' to carry on from there.
        """,
      examples: ["save whatis-study.avq"]),
    CommandEntry(
      name: "set", syntax: ["set format table|csv|tsv|json", "set timer on|off"],
      abstract: "choose how results are printed, and whether commands are timed",
      discussion: """
        The default format is 'table'. With the timer on, each command's wall time (and the \
        command) is written to standard error after it runs, so that timings never mix \
        with results piped from standard output.
        """,
      examples: ["set format csv", "set format table", "set timer on"]),
    CommandEntry(
      name: "help", syntax: ["help", "help <command>"],
      abstract: "show the commands, or one command in detail",
      discussion: "'help predicates' describes the conditions 'subset' takes.",
      examples: ["help", "help matrix", "help predicates"]),
    CommandEntry(
      name: "quit", aliases: ["exit"], syntax: ["quit", "exit"],
      abstract: "leave the shell",
      discussion: "In a script, stops it.",
      examples: ["quit", "exit"]),
  ]

  static let topics: [CommandEntry] = [
    CommandEntry(
      name: "predicates",
      syntax: ["text starts|ends|contains|matches \"…\"",
               "label|predicted|id|<attribute> <op> <value>",
               "score <class> <op> <number>", "neuron <index>|<name> [of layer <layer>] <op> <number>",
               "correct", "misclassified", "in <subset-or-class>", "in file \"<path>\"",
               "not <predicate>", "<predicate> and <predicate>", "<predicate> or <predicate>",
               "( <predicate> )"],
      abstract: "the conditions that define subsets",
      discussion: """
        <op> is =, !=, <, <=, > or >=; a value is a number, a \"quoted string\" or a word. \
        'not' binds tighter than 'and', and 'and' tighter than 'or'. Write an attribute \
        whose name is a keyword or has spaces in double quotes: \"first word\" = what. \
        In 'matches', the pattern is a regular expression. A score can also be named \
        by its column, as 'info' lists it: score:NUM > 0.5. A neuron condition reads the \
        current layer unless it names one. A subset is evaluated once, when defined, and \
        stored closed: 'subsets' shows each neuron condition with its layer and each \
        'in <subset>' replaced by that subset's definition (an id list as 'in file'), so \
        redefining one subset never changes another.
        """,
      examples: ["subset where text matches \"^Who (is|was)\"",
                 "subset where score LOC > 0.5 and neuron 17 > 0.3",
                 "subset where \"first word\" = what or length >= 10"],
      isCommand: false),
  ]
}
