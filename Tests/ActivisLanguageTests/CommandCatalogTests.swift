import Testing
@testable import ActivisLanguage

@Suite struct CommandCatalogTests {
  static let examples: [String] = CommandCatalog.entries.flatMap(\.examples)

  @Test(arguments: examples)
  func everyExampleParses(_ example: String) {
    let parsed = Parser.parse(line: example)
    #expect(parsed.diagnostics == [])
    #expect(parsed.commands.count == 1)
  }

  @Test func everyCommandWordIsParsedAndHasAnEntry() {
    #expect(CommandCatalog.commandNames == [
      "load", "info", "graph", "layers", "select", "diff", "instances", "show", "subset", "subsets",
      "confusion", "members", "matrix", "add", "remove", "compare", "project", "color", "colour", "neurons", "top",
      "neighbors", "neighbours", "separability", "suggest",
      "export", "save", "set", "help", "quit", "exit",
    ])
    for name in CommandCatalog.commandNames {
      let message = Parser.parse(line: name).diagnostics.first?.message ?? ""
      #expect(!message.hasPrefix("unknown command"), "\(name)")
    }
  }

  @Test func everyEntryIsComplete() {
    for entry in CommandCatalog.entries {
      #expect(!entry.syntax.isEmpty && !entry.abstract.isEmpty && !entry.discussion.isEmpty)
      #expect(!entry.examples.isEmpty, "\(entry.name)")
      #expect(entry.abstract.first?.isLowercase == true, "\(entry.name)")
    }
  }

  @Test func entriesAreFoundByNameAliasAndCase() {
    #expect(CommandCatalog.entry(for: "MATRIX")?.name == "matrix")
    #expect(CommandCatalog.entry(for: "exit")?.name == "quit")
    #expect(CommandCatalog.entry(for: "predicates")?.isCommand == false)
    #expect(CommandCatalog.entry(for: "matirx") == nil)
  }

  @Test func helpListsEveryCommandWithItsAbstract() {
    let text = CommandCatalog.helpText()
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "Commands:")
    // Names are padded to the longest, 'separability'.
    #expect(lines[1] == "  load          open a bundle and make it current")
    #expect(lines.contains("  predicates    the conditions that define subsets"))
    #expect(lines.last == "Type 'help <command>' for details.")
    for entry in CommandCatalog.entries {
      #expect(text.contains("  \(entry.name) "), "\(entry.name)")
    }
  }

  @Test func helpForOneCommand() {
    #expect(CommandCatalog.helpText(for: "compare") == """
      OVERVIEW: compare rows side by side and rank the neurons that differ most

      USAGE:
        compare <row> … [top <n>] [by difference|effect|auroc]

      A row is an instance '#id', a class or a subset. For two classes or subsets
      each neuron shows both means, their difference, the effect size (Cohen's d:
      the difference over the pooled standard deviation) and the AUROC (the chance
      that a member of the second is above one of the first, ties half, exact over
      every member); 'by' ranks by one of them (difference by default, effect by its
      size, auroc by its distance from 0.5). 'top' limits the ranking to n neurons.
      Quote a row named 'top' or 'by'.

      EXAMPLES:
        compare LOC HUM
        compare #38 #47 whatis top 10
        compare NUM whatis by auroc top 20
        compare LOC HUM by effect
      """)
    #expect(CommandCatalog.helpText(for: "exit")?.contains("ALIASES: exit") == true)
    #expect(CommandCatalog.helpText(for: "predicates")?.contains("\nSYNTAX:\n") == true)
    #expect(CommandCatalog.helpText(for: "nope") == nil)
  }

  @Test func helpTextFitsEightyColumns() {
    for entry in CommandCatalog.entries {
      for line in (CommandCatalog.helpText(for: entry.name) ?? "").split(separator: "\n") {
        #expect(line.count <= 80, "\(entry.name): \(line)")
      }
    }
  }
}
