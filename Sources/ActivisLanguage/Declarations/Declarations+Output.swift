/// The output and shell commands: `export`, `save`, `set`, `help`, `quit`.
extension CommandDeclaration {
  static let outputCommands: [CommandDeclaration] = [
    CommandDeclaration(
      "export", syntax: .sequence([.oneOf("format", ExportFormat.allCases.map(\.rawValue)), .path()]),
      abstract: "write the last result to a file",
      discussion: """
        CSV, TSV and JSON hold the numbers; SVG draws the matrix heatmap, scatter plot, \
        graph or instance panel. Quote a path with spaces.
        """,
      examples: ["export csv matrix.csv", "export svg out/whatis.svg",
                 "export json \"my results.json\""],
      build: { .export(format: $0.choice("format", as: ExportFormat.self)!, path: $0.text("file")!) }),
    CommandDeclaration(
      "save", syntax: .path(),
      abstract: "write a script that rebuilds this session",
      discussion: """
        The script loads the bundle, selects the layer, defines every subset again from its \
        closed definition, puts the matrix rows back in their order and restores the \
        projection colours. Paths in it are absolute. Replay it with 'activis -f <file>', or \
        'activis -i -f <file>' to carry on from there.
        """,
      examples: ["save whatis-study.avq"],
      build: { .save(path: $0.text("file")!) }),
    CommandDeclaration(
      "set",
      syntax: .choice([
        .sequence([.keyword("format"), .oneOf("format", OutputFormat.allCases.map(\.rawValue))]),
        .sequence([.keyword("timer"), .oneOf("timer", ["on", "off"])]),
      ]),
      abstract: "choose how results are printed, and whether commands are timed",
      discussion: """
        The default format is 'table'. With the timer on, each command's wall time (and the \
        command) is written to standard error after it runs, so that timings never mix \
        with results piped from standard output.
        """,
      examples: ["set format csv", "set format table", "set timer on"],
      build: { arguments in
        if let format = arguments.entries.last(where: { $0.name == "format" }),
           case .keyword(let word) = format.value, let value = OutputFormat(rawValue: word.value) {
          return .setFormat(Located(value, word.range))
        }
        guard let state = arguments.entries.last(where: { $0.name == "timer" }),
              case .keyword(let word) = state.value else { return .setTimer(Located(false, arguments.range)) }
        return .setTimer(Located(word.value == "on", word.range))
      }),
    CommandDeclaration(
      "help", syntax: .optional(.name("topic", .topic, "a command", placeholder: "<command>")),
      abstract: "show the commands, or one command in detail",
      discussion: "'help predicates' describes the conditions 'subset' takes.",
      examples: ["help", "help matrix", "help predicates"],
      build: { arguments in
        guard let topic = arguments.text("topic") else { return .help(topic: nil) }
        guard CommandCatalog.entry(for: topic.value) != nil else {
          let near = Suggestions.nearest(to: topic.value, among: CommandCatalog.topicNames)
          throw ParseFailure(Messages.unknownHelpTopic(topic.value, suggestion: near), at: topic.range)
        }
        return .help(topic: topic)
      }),
    CommandDeclaration(
      "quit", aliases: ["exit"],
      abstract: "leave the shell",
      discussion: "In a script, stops it.",
      examples: ["quit", "exit"],
      build: { _ in .quit }),
  ]
}
