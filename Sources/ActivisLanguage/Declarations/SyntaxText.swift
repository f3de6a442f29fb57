/// A command's declared syntax as people read it: the usage lines of `help`
/// and the productions of grammar/activis.ebnf.
package enum SyntaxText {
  /// The usage lines of a command: one per form, wrapped to fit 78 columns.
  static func usage(of declaration: CommandDeclaration) -> [String] {
    lines(declaration.syntax).flatMap { form in
      wrapped(([declaration.name] + (form.isEmpty ? [] : [form])).joined(separator: " "))
    }
  }

  /// The forms of `syntax`: a choice of several words gives a line each.
  static func lines(_ syntax: Syntax) -> [String] {
    switch syntax {
    case .choice(let alternatives) where !isSingleWord(syntax):
      return alternatives.flatMap(lines)
    case .optional(.choice(let alternatives)) where !isSingleWord(.choice(alternatives)):
      return [""] + alternatives.flatMap(lines)
    case .sequence(let items):
      return items.reduce([""]) { forms, item in
        forms.flatMap { form in lines(item).map { [form, $0].filter { !$0.isEmpty }.joined(separator: " ") } }
      }
    default:
      return [inline(syntax)]
    }
  }

  /// `syntax` on one line: `[sort by variance|cluster|<row>]`.
  static func inline(_ syntax: Syntax) -> String {
    switch syntax {
    case .keyword(let word): return word
    case .value(let parameter): return parameter.placeholder
    case .sequence(let items): return items.map(inline).filter { !$0.isEmpty }.joined(separator: " ")
    case .optional(let inner), .once(let inner): return "[\(inline(inner))]"
    case .choice(let alternatives): return alternatives.map(inline).joined(separator: "|")
    case .options(let options): return options.map { "[\(inline($0))]" }.joined(separator: " ")
    case .repeated(.choice(let alternatives)):
      // Repeated values with options among them: `<row> … [top <n>]`.
      let repeated = alternatives.filter { if case .once = $0 { false } else { true } }
      let options = alternatives.filter { if case .once = $0 { true } else { false } }
      return ([inline(.choice(repeated)) + " …"] + options.map(inline)).joined(separator: " ")
    case .repeated(let inner): return inline(inner) + " …"
    case .guarded(let inner, _), .only(let inner, _, _): return inline(inner)
    }
  }

  /// Whether every alternative of a choice is one word or value.
  private static func isSingleWord(_ syntax: Syntax) -> Bool {
    guard case .choice(let alternatives) = syntax else { return false }
    return alternatives.allSatisfy { if case .keyword = $0 { true } else if case .value = $0 { true } else { false } }
  }

  /// A usage line cut before an option (` [`) to fit 78 columns, the rest
  /// indented under the command.
  static func wrapped(_ line: String, width: Int = 76) -> [String] {
    var lines: [String] = []
    var rest = Substring(line)
    while rest.count > width {
      let limit = rest.index(rest.startIndex, offsetBy: width)
      guard let cut = rest[..<limit].range(of: " [", options: .backwards)?.lowerBound,
            cut > rest.startIndex else { break }
      lines.append(String(rest[..<cut]))
      rest = "        " + rest[rest.index(after: cut)...]
    }
    return lines + [String(rest)]
  }

  // MARK: - Grammar

  /// The command productions of grammar/activis.ebnf, generated from the
  /// declarations: what stands between its `BEGIN COMMANDS` and
  /// `END COMMANDS` lines.
  package static var grammarProductions: String {
    let names = CommandDeclaration.all.map { productionName($0.name) }
    var lines = [production("Command", alternatives(names))]
    for declaration in CommandDeclaration.all {
      let name = productionName(declaration.name)
      let words = ([declaration.name] + declaration.aliases).map { "'\($0)'" }
      let head = words.count > 1 ? "( " + words.joined(separator: " | ") + " )" : words[0]
      var options: [Syntax] = []
      let body = ebnf(declaration.syntax, optionsName: name + "Option", options: &options)
      lines.append(production(name, head + (body.isEmpty ? "" : " " + body)))
      if !options.isEmpty {
        var ignored: [Syntax] = []
        let alternatives = options.map { ebnf($0, optionsName: "", options: &ignored) }
        lines.append(production(name + "Option", alternatives.joined(separator: "\n" + String(repeating: " ", count: 16) + "| ")))
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func production(_ name: String, _ body: String) -> String {
    name.padded(to: 14) + "::= " + body
  }

  /// `A | B | …`, continued on lines of at most 78 columns.
  private static func alternatives(_ names: [String]) -> String {
    var lines = [names[0]]
    for name in names.dropFirst() {
      if 20 + lines[lines.count - 1].count + 3 + name.count > 78 {
        lines.append(name)
      } else {
        lines[lines.count - 1] += " | " + name
      }
    }
    return lines.joined(separator: "\n" + String(repeating: " ", count: 16) + "| ")
  }

  /// `subsets` → `Subsets`.
  private static func productionName(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }

  /// `syntax` in EBNF: quoted keywords, `?`, `*`, `+`, `|` and the token
  /// names of the grammar; options become `<optionsName>*`, their
  /// alternatives collected in `options`.
  static func ebnf(_ syntax: Syntax, optionsName: String, options: inout [Syntax]) -> String {
    func inner(_ syntax: Syntax) -> String { ebnf(syntax, optionsName: optionsName, options: &options) }
    switch syntax {
    case .keyword(let word): return word == "=" ? "\"=\"" : "'\(word)'"
    case .value(let parameter): return ebnf(parameter.kind)
    case .sequence(let items): return items.map(inner).filter { !$0.isEmpty }.joined(separator: " ")
    case .optional(let wrapped): return grouped(inner(wrapped)) + "?"
    case .choice(let alternatives): return "( " + alternatives.map(inner).joined(separator: " | ") + " )"
    case .options(let alternatives):
      options += alternatives
      return "\(optionsName)*  /* any order, each at most once */"
    case .repeated(let wrapped): return grouped(inner(wrapped)) + "+"
    case .guarded(let wrapped, let lookahead): return "\(inner(wrapped)) /* & when \(describe(lookahead)) */"
    case .once(let wrapped): return "\(inner(wrapped)) /* at most once */"
    case .only(let wrapped, let choice, let values):
      return "\(inner(wrapped)) /* \(choice) \(values.joined(separator: " or ")) only */"
    }
  }

  /// `X`, or `( X Y )` when it is more than one term.
  private static func grouped(_ text: String) -> String {
    text.contains(" ") && !(text.hasPrefix("( ") && text.hasSuffix(" )")) ? "( \(text) )" : text
  }

  private static func ebnf(_ kind: Parameter.Kind) -> String {
    switch kind {
    case .name: "Name"
    case .path: "Path"
    case .integer(let minimum): "Integer /* >= \(minimum) */"
    case .number(let positive): positive ? "Number /* > 0 */" : "Number"
    case .seed: "Integer /* >= 0 */"
    case .instance: "Instance"
    case .row: "Row"
    case .predicate: "Predicate"
    case .word(let words): "( " + words.map { "'\($0)'" }.joined(separator: " | ") + " )"
    case .neuronRange: "Integer \"..\" Integer /* inclusive, 0-based, A <= B */"
    }
  }

  private static func describe(_ lookahead: Lookahead) -> String {
    switch lookahead {
    case .number: "a number follows"
    case .more: "more follows"
    case .equals: "\"=\" follows"
    case .notKeywordUnlessEquals(let words):
      "not " + words.map { "'\($0)'" }.joined(separator: " or ") + " unless \"=\" follows"
    }
  }
}
