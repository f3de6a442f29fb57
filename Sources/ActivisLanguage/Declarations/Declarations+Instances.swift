/// The instance and subset commands: `instances`, `show`, `subset`, `subsets`, `members`.
extension CommandDeclaration {
  static let instanceCommands: [CommandDeclaration] = [
    CommandDeclaration(
      "instances", syntax: .optional(.name("class", .className, "a class name")),
      abstract: "list instance ids by true class, correct and misclassified",
      discussion: """
        For each true class (or only the one given), the ids of the correctly classified \
        instances, and the misclassified ones with the class they were mistaken for.
        """,
      examples: ["instances", "instances LOC"],
      run: { arguments, evaluator in
        .result(try evaluator.instancePanel(arguments.text("class"), at: arguments.range))
      }),
    CommandDeclaration(
      "show", syntax: .value(Parameter("id", .instance, placeholder: "#<id>", description: "an instance id like '#38'")),
      abstract: "show one instance",
      discussion: """
        Its text, label, prediction, scores and attributes, and its strongest neurons in \
        the current layer.
        """,
      examples: ["show #38"],
      run: { arguments, evaluator in .result(try evaluator.show(arguments.instance("id")!)) }),
    CommandDeclaration(
      "subset",
      syntax: .sequence([
        // A subset may be named `where` or `from`: `subset where = where correct`.
        .optional(.guarded(.sequence([.name("name", .other, "a subset name"), .keyword("=")]),
                           .notKeywordUnlessEquals(["where", "from"]))),
        .choice([
          .sequence([.keyword("where"), .value(Parameter("predicate", .predicate, description: "a predicate"))]),
          .sequence([.keyword("from"), .path()]),
        ]),
      ]),
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
                 "subset dogs = from detector-hits.txt"],
      run: { arguments, evaluator in
        let name = arguments.text("name")
        if let predicate = arguments.predicate("predicate") {
          return .result(try evaluator.defineSubset(name: name, predicate: predicate, at: arguments.range))
        }
        return .result(try evaluator.defineSubset(name: name, fromFile: arguments.text("file")!, at: arguments.range))
      }),
    CommandDeclaration(
      "subsets",
      syntax: .optional(.sequence([
        .keyword("by"),
        .choice([.oneOf("field", ["label", "predicted"]), .name("field", .attribute, "an attribute", placeholder: "<attribute>")]),
        .options([.sequence([.keyword("bins"), .integer("bins", minimum: 2)])]),
      ])),
      abstract: "list the defined subsets, or define one per value of a field",
      discussion: """
        'subsets' lists each subset's name, size and definition. 'subsets by' defines a \
        subset per class of label or predicted, per value of a categorical attribute, or \
        per range of a numeric attribute (n ranges of about equal size, 4 by default), \
        named field_value or field_1, field_2, …, and adds them to the matrix. Each is \
        defined by an ordinary predicate; instances with no value are in none of them.
        """,
      examples: ["subsets", "subsets by source", "subsets by predicted", "subsets by length bins 5"],
      run: { arguments, evaluator in
        guard let field = arguments.text("field") else { return .result(try evaluator.listSubsets(at: arguments.range)) }
        return .result(try evaluator.splitSubsets(by: field, bins: arguments.integer("bins"), at: arguments.range))
      }),
    CommandDeclaration(
      "confusion",
      syntax: .options([.sequence([.keyword("of"), .name("of", .subsetOrClass, "a subset or class name",
                                                           placeholder: "<subset>")])]),
      abstract: "count which classes the model mistakes for which",
      discussion: """
        True classes down, predicted classes across, the number of instances in each \
        cell, among all instances or those of a subset; under the table each class's \
        recall and precision and the accuracy. A cell is a subset: 'subset num_as_desc = \
        where label = NUM and predicted = DESC', whose ids 'instances NUM' also lists.
        """,
      examples: ["confusion", "confusion of whatis"],
      run: { arguments, evaluator in .result(try evaluator.confusion(of: arguments.text("of"), at: arguments.range)) }),
    CommandDeclaration(
      "members", syntax: .name("name", .subsetOrClass, "a subset or class name", placeholder: "<subset-or-class>"),
      abstract: "list the instances of a subset or class",
      discussion: "For each instance: its id, label, prediction and text.",
      examples: ["members whatis", "members LOC"],
      run: { arguments, evaluator in .result(try evaluator.members(of: arguments.text("name")!)) }),
  ]
}
