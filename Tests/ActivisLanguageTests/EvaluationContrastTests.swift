import ActivisCore
import ActivisLanguage
import Foundation
import Testing

/// `compare A B [by difference|effect|auroc]` for two groups, against plain loops
/// over the fixture: means, Cohen's d from sample variances, AUROC by counting pairs.
@Suite struct EvaluationContrastTests {
  struct Expected {
    var difference: Double, effect: Double, auroc: Double
  }

  func expected(_ fixture: EvaluationFixture, neuron j: Int, a: (Int) -> Bool, b: (Int) -> Bool) -> Expected {
    let xs = (0 ..< EvaluationFixture.count).filter(a).map { Double(fixture.activations[$0][j]) }
    let ys = (0 ..< EvaluationFixture.count).filter(b).map { Double(fixture.activations[$0][j]) }
    let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
    let sx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, sy = ys.reduce(0) { $0 + ($1 - my) * ($1 - my) }
    let pooled = ((sx + sy) / Double(xs.count + ys.count - 2)).squareRoot()
    var wins = 0.0
    for y in ys { for x in xs { wins += y > x ? 1 : (y == x ? 0.5 : 0) } }
    return Expected(difference: my - mx, effect: (my - mx) / pooled, auroc: wins / Double(xs.count * ys.count))
  }

  func table(_ fixture: EvaluationFixture, _ line: String) throws -> ResultTable {
    guard case .table(let table)? = try fixture.result(line) else { throw CancellationError() }
    return table
  }

  func double(_ cell: Cell) -> Double {
    switch cell {
    case .double(let value): value
    case .float(let value): Double(value)
    default: .nan
    }
  }

  @Test(arguments: ["difference", "effect", "auroc"])
  func everyNeuronRankedByTheChosenMeasure(_ ranking: String) throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset w = where text starts \"What is\"")
    let result = try table(fixture, "compare ABBR w top 6 by \(ranking)")
    #expect(result.columns == ["neuron", "ABBR", "w", "difference", "effect", "auroc"])
    let all = (0 ..< EvaluationFixture.columns).map { j in
      expected(fixture, neuron: j, a: { fixture.labels[$0] == 0 }, b: { fixture.texts[$0].hasPrefix("What is") })
    }
    func strength(_ e: Expected) -> Double {
      ranking == "difference" ? abs(e.difference) : ranking == "effect" ? abs(e.effect) : abs(e.auroc - 0.5)
    }
    let order = (0 ..< EvaluationFixture.columns).sorted { strength(all[$0]) > strength(all[$1]) }
    #expect(result.rows.map { $0[0] } == order.map { .text("n\($0)") })
    for row in result.rows {
      guard case .text(let name) = row[0], let j = Int(name.dropFirst()) else { continue }
      #expect(abs(double(row[3]) - all[j].difference) < 1e-5)
      #expect(abs(double(row[4]) - all[j].effect) < 1e-4)
      #expect(abs(double(row[5]) - all[j].auroc) < 1e-12)
    }
  }

  @Test func rankingsNeedTwoGroups() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("compare ABBR #100 by auroc") == "'by auroc' compares two classes or subsets; #100 is one instance")
    #expect(fixture.failure("compare ABBR NUM DESC by effect")
      == "'by effect' compares two classes or subsets; 3 rows were given")
    #expect(fixture.failure("compare ABBR NUM by auroc by effect") == "duplicate option 'by'")
    let instances = try table(fixture, "compare #100 #102 by difference")
    #expect(instances.columns == ["neuron", "#100", "#102", "difference"])
  }
}
