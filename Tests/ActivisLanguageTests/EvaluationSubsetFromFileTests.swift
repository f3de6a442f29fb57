import ActivisCore
import ActivisLanguage
import ActivisTestSupport
import Foundation
import Testing

/// `subset … from <file>`: instances chosen by ids listed outside activis.
@Suite struct EvaluationSubsetFromFileTests {
  /// Writes `text` to a file next to the fixture's bundle; its path.
  func write(_ text: String, _ fixture: EvaluationFixture) throws -> String {
    let path = try fixture.bundle.outsidePath("ids-\(UUID().uuidString).txt")
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    return path
  }

  @Test func listedIDsAreTheMembers() throws {
    let fixture = try EvaluationFixture().loaded()
    let rows = [3, 17, 42, 89]
    let path = try write("-- picked by hand\n" + rows.map { "#\(fixture.id($0))" }.joined(separator: "\n")
                           + "\n\(fixture.id(3))\n", fixture)
    guard case .message(let said)? = try fixture.result("subset picked = from \"\(path)\"") else {
      Issue.record("no message")
      return
    }
    #expect(said == "picked: 4 instances (4.4%)")
    #expect(fixture.session.subset(named: "picked")?.members.rows == rows)
    #expect(fixture.session.subset(named: "picked")?.definition == "from \"\(path)\"")
    #expect(fixture.session.matrixRows.last == .subset("picked"))
  }

  @Test func membersAsCSVReadBack() throws {
    let fixture = try EvaluationFixture().loaded()
    try fixture.run("subset whatis = where text starts \"What is\"")
    let expected = fixture.texts.indices.filter { fixture.texts[$0].hasPrefix("What is") }
    // The CSV `members` prints: id, label, predicted, text (texts quoted where needed).
    let csv = "id,label,predicted,text\n" + expected.map { row in
      "\(fixture.id(row)),\(EvaluationFixture.classes[fixture.labels[row]]),x,\"\(fixture.texts[row]), \"\"quoted\"\"\""
    }.joined(separator: "\n")
    try fixture.run("subset back = from \"\(try write(csv, fixture))\"")
    #expect(fixture.session.subset(named: "back")?.members.rows == expected)
  }

  @Test func refusals() throws {
    let fixture = try EvaluationFixture().loaded()
    let unknown = try write("\(fixture.id(0))\n7\n9\n", fixture)
    #expect(fixture.failure("subset s = from \"\(unknown)\"")
              == "\(unknown):2: no instance has id 7 (and 1 more ids not in the bundle)")
    let bad = try write("\(fixture.id(0))\n  12a\n", fixture)
    #expect(fixture.failure("subset s = from \"\(bad)\"") == "\(bad):2:3: '12a' is not an instance id")
    #expect(fixture.failure("subset DESC = from \"\(bad)\"") == "'DESC' is a class name; choose another name for the subset")
    #expect(fixture.failure("subset s = from /nonexistent/ids.txt") == "/nonexistent/ids.txt: no such file")
    #expect(fixture.session.subsets.isEmpty, "nothing half-defined")
  }
}
