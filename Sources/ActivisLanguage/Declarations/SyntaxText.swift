/// A command's declared syntax as people read it: the usage lines of `help`
/// and the productions of grammar/activis.ebnf.
public enum SyntaxText {
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
    case .guarded(let inner, _): return inline(inner)
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
  /// declarations (between its `BEGIN COMMANDS` and `END COMMANDS` lines).
  public static var grammarProductions: String {
    let names = CommandDeclaration.all.map { productionName($0.name) }
    let width = (names.map(\.count).max() ?? 0) + 1
    var lines = ["Command".padded(to: width) + " ::= " + names.joined(separator: "\n" + "".padded(to: width) + "   | ")]
    for declaration in CommandDeclaration.all {
      let words = ([declaration.name] + declaration.aliases).map { "'\($0)'" }
      let head = words.count > 1 ? "( " + words.joined(separator: " | ") + " )" : words[0]
      let body = ebnf(declaration.syntax)
      lines.append(productionName(declaration.name).padded(to: width) + " ::= " + head + (body.isEmpty ? "" : " " + body))
    }
    return lines.joined(separator: "\n")
  }

  /// `subsets` → `Subsets`.
  private static func productionName(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }

  /// `syntax` in EBNF: quoted keywords, `?`, `*`, `+`, `|` and the token names of the grammar.
  static func ebnf(_ syntax: Syntax) -> String {
    switch syntax {
    case .keyword(let word): return word == "=" ? "\"=\"" : "'\(word)'"
    case .value(let parameter): return ebnf(parameter.kind)
    case .sequence(let items): return items.map(ebnf).filter { !$0.isEmpty }.joined(separator: " ")
    case .optional(let inner): return "( \(ebnf(inner)) )?"
    case .choice(let alternatives): return "( " + alternatives.map(ebnf).joined(separator: " | ") + " )"
    case .options(let options):
      return "( " + options.map(ebnf).joined(separator: " | ") + " )*  /* any order, each at most once */"
    case .repeated(let inner): return "( \(ebnf(inner)) )+"
    case .guarded(let inner, let lookahead): return "\(ebnf(inner)) /* when \(describe(lookahead)) */"
    case .once(let inner): return "\(ebnf(inner)) /* at most once */"
    }
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
    case .neuronRange: "Integer \"..\" Integer"
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
