import ActivisCore
import ActivisLanguage
import Testing

/// Each predicate selects exactly the rows a plain filter in the test selects.
@Suite struct EvaluationSubsetTests {
  typealias Filter = @Sendable (EvaluationFixture, Int) -> Bool

  static let cases: [(String, Filter)] = [
    ("text starts \"What is\"", { f, i in f.texts[i].hasPrefix("What is") }),
    ("text ends \"?\"", { f, i in f.texts[i].hasSuffix("?") }),
    ("text contains \"golf\"", { f, i in f.texts[i].contains("golf") }),
    ("text contains \"at\"", { f, i in f.texts[i].contains("at") }),
    ("text contains \"\"", { _, _ in true }),
    ("text ends \"\"", { _, _ in true }),
    ("text matches \"o\"", { f, i in f.texts[i].contains("o") }),
    ("text matches \"^Wh(o|ere) \"", { f, i in f.texts[i].hasPrefix("Who ") || f.texts[i].hasPrefix("Where ") }),
    ("label = NUM", { f, i in f.labels[i] == 2 }),
    ("label != NUM", { f, i in f.labels[i] != 2 }),
    ("predicted = DESC", { f, i in f.predicted[i] == 1 }),
    ("correct", { f, i in f.labels[i] == f.predicted[i] }),
    ("misclassified", { f, i in f.labels[i] != f.predicted[i] }),
    ("length > 8", { f, i in (f.length[i] ?? -1) > 8 }),
    ("length <= 3", { f, i in f.length[i].map { $0 <= 3 } ?? false }),
    ("length != 5", { f, i in f.length[i].map { $0 != 5 } ?? false }),
    ("source = wiki", { f, i in f.source[i] == "wiki" }),
    ("source != \"news\"", { f, i in f.source[i] != "news" }),
    ("score NUM > 0.5", { f, i in f.scoreNUM[i] > 0.5 }),
    ("neuron 2 > 1", { f, i in f.activations[i][2] > 1 }),
    ("id >= 150", { f, i in f.id(i) >= 150 }),
    ("label = NUM and misclassified", { f, i in f.labels[i] == 2 && f.labels[i] != f.predicted[i] }),
    ("text starts \"What\" or length < 2", { f, i in f.texts[i].hasPrefix("What") || (f.length[i] ?? 99) < 2 }),
    ("not (correct or label = ABBR)", { f, i in !(f.labels[i] == f.predicted[i] || f.labels[i] == 0) }),
    ("in NUM", { f, i in f.labels[i] == 2 }),
  ]

  @Test(arguments: cases.indices)
  func predicateSelectsWhatAPlainFilterSelects(_ index: Int) throws {
    let (predicate, filter) = Self.cases[index]
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset s = where \(predicate)")
    let expected = (0 ..< EvaluationFixture.count).filter { filter(fixture, $0) }
    #expect(fixture.session.subset(named: "s")?.members.rows == expected, "\(predicate)")
    #expect(!expected.isEmpty, "the fixture should exercise '\(predicate)'")
  }

  @Test func subsetOfSubsetAndAutomaticNames() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset where label = NUM")
    try fixture.run("subset where in s1 and correct")
    let expected = (0 ..< EvaluationFixture.count).filter { fixture.labels[$0] == 2 && fixture.predicted[$0] == 2 }
    #expect(fixture.session.subsets.map(\.name) == ["s1", "s2"])
    #expect(fixture.session.subset(named: "s2")?.members.rows == expected)
    #expect(fixture.session.subset(named: "s2")?.definition == "label = NUM and correct")
  }

  @Test func membersListsIdsInRowOrder() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset w = where text starts \"Who was\"")
    guard case .table(let table)? = try fixture.result("members w") else {
      Issue.record("members should return a table")
      return
    }
    #expect(table.columns == ["id", "label", "predicted", "text"])
    let expected = (0 ..< EvaluationFixture.count).filter { fixture.texts[$0].hasPrefix("Who was") }
    #expect(table.rows.map { $0[0] } == expected.map { .integer(fixture.id($0)) })
    #expect(table.rows.map { $0[3] } == expected.map { .text(fixture.texts[$0]) })
  }

  @Test func errorsNameTheProblemAndSuggest() throws {
    let fixture = try EvaluationFixture()
    #expect(fixture.failure("matrix") == "no bundle is loaded; use 'load <path>' first")
    try fixture.run("load \"\(fixture.bundle.path)\"")
    #expect(fixture.failure("matrix") == "no layer is selected; use 'select layer <name>' (layers: 'hidden', 'other')")
    #expect(fixture.failure("select layer hiden") == "unknown layer 'hiden'; did you mean 'hidden'?")
    #expect(fixture.failure("subset where label = NUMS") == "unknown class 'NUMS'; did you mean 'NUM'?")
    #expect(fixture.failure("subset where lenght > 3") == "unknown attribute 'lenght'; did you mean 'length'?")
    #expect(fixture.failure("subset where length > wiki") == "'length' is numeric; expected a number, found 'wiki'")
    #expect(fixture.failure("subset where label > NUM") == "'>' cannot compare classes; use '=' or '!='")
    #expect(fixture.failure("subset NUM = where correct") == "'NUM' is a class name; choose another name for the subset")
    #expect(fixture.failure("show #7") == "no instance has id 7 (ids run from 100 to 278)")
    #expect(fixture.failure("subset where text matches \"(\"") == "invalid regular expression '('")
    try fixture.run("select layer hidden")
    #expect(fixture.failure("subset where neuron 6 > 0") == "layer 'hidden' has neurons 0 to 5; there is no neuron 6")
    #expect(fixture.session.subsets.isEmpty, "failed definitions leave nothing behind")
  }
}
