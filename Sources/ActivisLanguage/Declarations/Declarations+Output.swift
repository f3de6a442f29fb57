import ActivisCore

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
      run: { arguments, evaluator in
        guard let last = evaluator.session.lastResult else {
          throw Diagnostic.error(Messages.nothingToExport, at: arguments.range)
        }
        return .export(last, format: arguments.choice("format", as: ExportFormat.self)!.value, path: arguments.text("file")!)
      }),
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
      run: { arguments, evaluator in
        guard evaluator.session.bundle != nil else {
          throw Diagnostic.error(Messages.nothingToSave, at: arguments.range)
        }
        return .save(script: SessionScript(session: evaluator.session).text, path: arguments.text("file")!)
      }),
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
      run: { arguments, evaluator in
        if let format = arguments.entries.last(where: { $0.name == "format" }),
           case .keyword(let word) = format.value, let value = OutputFormat(rawValue: word.value) {
          evaluator.session.format = value
          return .formatChanged(value)
        }
        let on = arguments.entries.last { $0.name == "timer" }.map { entry in
          if case .keyword(let word) = entry.value { word.value == "on" } else { false }
        } ?? false
        evaluator.session.timer = on
        return .result(.message("timer \(on ? "on: each command's time goes to standard error" : "off")"))
      }),
    CommandDeclaration(
      "help", syntax: .optional(.name("topic", .topic, "a command", placeholder: "<command>")),
      abstract: "show the commands, or one command in detail",
      discussion: "'help predicates' describes the conditions 'subset' takes.",
      examples: ["help", "help matrix", "help predicates"],
      check: { arguments in
        guard let topic = arguments.text("topic"), CommandCatalog.entry(for: topic.value) == nil else { return }
        let near = Suggestions.nearest(to: topic.value, among: CommandCatalog.topicNames)
        throw ParseFailure(Messages.unknownHelpTopic(topic.value, suggestion: near), at: topic.range)
      },
      run: { arguments, evaluator in .result(try evaluator.help(arguments.text("topic"))) }),
    CommandDeclaration(
      "quit", aliases: ["exit"],
      abstract: "leave the shell",
      discussion: "In a script, stops it.",
      examples: ["quit", "exit"],
      run: { _, _ in .quit }),
  ]
}
