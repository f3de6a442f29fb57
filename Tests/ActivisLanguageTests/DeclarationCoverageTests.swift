import Testing
@testable import ActivisLanguage

/// Walks every command declaration: each keyword is completed where an
/// example uses it, shown by `help`, and suggested when misspelt.
@Suite struct DeclarationCoverageTests {
  /// The keywords of a syntax, each alone, and the words of each keyword
  /// parameter as one group (completion offers them together).
  static func keywordGroups(_ syntax: Syntax) -> [[String]] {
    switch syntax {
    case .keyword(let word): [[word]]
    case .value(let parameter): if case .word(let words) = parameter.kind { [words] } else { [] }
    case .sequence(let items), .choice(let items), .options(let items): items.flatMap(keywordGroups)
    case .optional(let inner), .repeated(let inner), .guarded(let inner, _), .once(let inner), .only(let inner, _, _):
      keywordGroups(inner)
    }
  }

  /// The example lines up to the first word of `group` they use.
  static func prefixes(using group: [String], in examples: [String]) -> [String] {
    examples.compactMap { example in
      let words = example.split(separator: " ", omittingEmptySubsequences: false)
      guard let index = words.firstIndex(where: { group.contains($0.lowercased()) }), index > 0 else { return nil }
      return words[..<index].joined(separator: " ") + " "
    }
  }

  /// `word` with its second and third letters swapped: `matrix` → `mtarix`.
  static func misspelt(_ word: String) -> String {
    var characters = Array(word)
    characters.swapAt(1, 2)
    return String(characters) == word ? String(word.dropLast()) + "q" : String(characters)
  }

  /// The leading keyword of each option of a syntax.
  static func optionKeywords(_ syntax: Syntax) -> [String] {
    switch syntax {
    case .options(let items): items.compactMap { Parser.leadingKeywords($0).first }
    case .sequence(let items), .choice(let items): items.flatMap(optionKeywords)
    case .optional(let inner), .repeated(let inner), .guarded(let inner, _), .only(let inner, _, _):
      optionKeywords(inner)
    case .keyword, .value, .once: []
    }
  }

  static let declarations = CommandDeclaration.all.map(\.name)

  @Test(arguments: declarations)
  func everyKeywordIsCompletedWhereAnExampleUsesIt(_ name: String) throws {
    let declaration = try #require(CommandDeclaration.named(name))
    for group in Self.keywordGroups(declaration.syntax) where group != ["="] {
      let uses = Self.prefixes(using: group, in: declaration.examples)
      // A word may stand in more than one place (`project pca`, `init pca`):
      // one of the places must offer the whole group.
      let offers = uses.map { prefix -> [String] in
        let context = Completion.context(line: prefix, cursor: prefix.utf8.count)
        return context.keywords + (context.kind.keywordList ?? [])
      }
      #expect(offers.contains { Set(group).isSubset(of: $0) }, "'\(name)': \(uses) should offer \(group), offer \(offers)")
    }
  }

  @Test(arguments: declarations)
  func helpShowsEveryKeyword(_ name: String) throws {
    let declaration = try #require(CommandDeclaration.named(name))
    let help = try #require(CommandCatalog.helpText(for: name))
    for keyword in Self.keywordGroups(declaration.syntax).joined() {
      #expect(help.contains(keyword), "help \(name) lacks '\(keyword)'")
    }
  }

  @Test(arguments: declarations)
  func misspeltCommandsAndOptionsAreSuggested(_ name: String) throws {
    let declaration = try #require(CommandDeclaration.named(name))
    if name.count > 3 {
      let message = Parser.parse(line: Self.misspelt(name)).diagnostics.first?.message ?? ""
      #expect(Self.misspelt(name) != name)
      #expect(message.contains("did you mean '\(name)'"), "\(Self.misspelt(name)): \(message)")
    }
    for option in Self.optionKeywords(declaration.syntax) where option.count > 3 {
      let prefixes = Self.prefixes(using: [option], in: declaration.examples)
      #expect(!prefixes.isEmpty, "'\(name)': no example uses option '\(option)'")
      for prefix in prefixes {
        let line = prefix + Self.misspelt(option)
        let message = Parser.parse(line: line).diagnostics.first?.message ?? ""
        #expect(message.contains("did you mean '\(option)'"), "\(line): \(message)")
      }
    }
  }

  @Test func everyCommandWordIsCompletedAtTheStart() {
    let context = Completion.context(line: "", cursor: 0)
    #expect(context.kind == .command)
    #expect(Set(CommandCatalog.commandNames) == Set(CommandDeclaration.all.flatMap { [$0.name] + $0.aliases }))
  }
}

extension CompletionContext.Kind {
  /// The keywords of a `.keywords` kind.
  var keywordList: [String]? {
    if case .keywords(let words) = self { return words }
    return nil
  }
}
