import ActivisCore
import ActivisLanguage
import Foundation
import Testing

/// `neighbors #id …` against distances computed by plain loops over the fixture.
@Suite struct EvaluationNeighborsTests {
  func expected(_ fixture: EvaluationFixture, from query: Int, count: Int, cosine: Bool = false,
                where member: (Int) -> Bool = { _ in true }) -> [(Int64, Double)] {
    let q = fixture.activations[query].map(Double.init)
    func distance(_ row: Int) -> Double {
      let x = fixture.activations[row].map(Double.init)
      var dot = 0.0, xx = 0.0, qq = 0.0, squares = 0.0
      for j in x.indices {
        dot += x[j] * q[j]
        xx += x[j] * x[j]
        qq += q[j] * q[j]
        squares += (x[j] - q[j]) * (x[j] - q[j])
      }
      return cosine ? 1 - dot / (sqrt(xx) * sqrt(qq)) : sqrt(squares)
    }
    var rows: [(row: Int, distance: Double)] = []
    for row in 0 ..< EvaluationFixture.count where row != query && member(row) { rows.append((row, distance(row))) }
    rows.sort { a, b in a.distance != b.distance ? a.distance < b.distance : a.row < b.row }
    return rows.prefix(count).map { (fixture.id($0.row), $0.distance) }
  }

  func rows(_ result: CommandResult?) -> [(Int64, Double)] {
    guard case .table(let table)? = result else { return [] }
    return table.rows.compactMap { row in
      guard case .integer(let id) = row[0], case .double(let distance) = row[1] else { return nil }
      return (id, distance)
    }
  }

  func same(_ a: [(Int64, Double)], _ b: [(Int64, Double)]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && abs($0.1 - $1.1) <= 1e-12 * max(1, abs($1.1)) }
  }

  @Test func euclideanCosineAndWithinAClass() throws {
    let fixture = try EvaluationFixture().loaded()
    let id = fixture.id(17)
    #expect(same(rows(try fixture.result("neighbors #\(id)")), expected(fixture, from: 17, count: 10)))
    #expect(same(rows(try fixture.result("neighbours #\(id) top 25 cosine")),
                 expected(fixture, from: 17, count: 25, cosine: true)))
    #expect(same(rows(try fixture.result("neighbors #\(id) euclidean of NUM top 4")),
                 expected(fixture, from: 17, count: 4) { fixture.labels[$0] == 2 }))
  }

  @Test func theNotesSayHowManyShareTheLabelAndPrediction() throws {
    let fixture = try EvaluationFixture().loaded()
    guard case .table(let table)? = try fixture.result("neighbors #\(fixture.id(5)) top 8") else {
      Issue.record("no table")
      return
    }
    let near = expected(fixture, from: 5, count: 8).map { Int(($0.0 - 100) / 2) }
    let sameLabel = near.filter { fixture.labels[$0] == fixture.labels[5] }.count
    let samePrediction = near.filter { fixture.predicted[$0] == fixture.predicted[5] }.count
    let label = EvaluationFixture.classes[fixture.labels[5]]
    let prediction = EvaluationFixture.classes[fixture.predicted[5]]
    #expect(table.notes.contains("\(sameLabel) of 8 share its label \(label)"), "\(table.notes)")
    #expect(table.notes.contains("\(samePrediction) of 8 share its prediction \(prediction)"), "\(table.notes)")
  }

  @Test func refusals() throws {
    let fixture = try EvaluationFixture().loaded()
    #expect(fixture.failure("neighbors #7")?.hasPrefix("no instance has id 7") == true)
    #expect(fixture.failure("neighbors #100 top 0") == "expected a positive integer after 'top', found '0'")
    #expect(fixture.failure("neighbors #100 cosine euclidean") == "duplicate option 'euclidean'")
    #expect(fixture.failure("neighbors 100")?.hasPrefix("expected an instance id like '#38'") == true)
  }
}
