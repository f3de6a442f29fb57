import ActivisCore
import ActivisTestSupport
import Foundation
import Testing

/// Lists of instance ids read from text files: one per line, or CSV with an
/// `id` column.
@Suite struct IDListTests {
  func read(_ text: String, bytes: [UInt8]? = nil) throws -> [IDList.Entry] {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    try bundle.writeBytes("ids", bytes ?? Array(text.utf8))
    return try IDList.read(path: bundle.path("ids"), displayName: "ids.txt").entries
  }

  func refusal(_ text: String) -> BundleError? {
    do {
      _ = try read(text)
      return nil
    } catch {
      return error as? BundleError
    }
  }

  @Test func oneIDPerLineWithMarksCommentsAndBlankLines() throws {
    let entries = try read("#38\n  47 \n-- chosen by hand\n\n\t120\r\n7\r9")
    #expect(entries == [.init(id: 38, line: 1), .init(id: 47, line: 2), .init(id: 120, line: 5),
                        .init(id: 7, line: 6), .init(id: 9, line: 7)])
  }

  @Test func byteOrderMarkIsSkipped() throws {
    #expect(try read("", bytes: [0xEF, 0xBB, 0xBF] + Array("5\n6\n".utf8)).map(\.id) == [5, 6])
  }

  @Test func csvTakesTheIDColumnAndCountsLinesInsideQuotes() throws {
    let csv = "label,id,text\nA,3,\"What is, in two\nlines ?\"\nB,10,plain\r\nA,3,again\n"
    #expect(try read(csv) == [.init(id: 3, line: 2), .init(id: 10, line: 4), .init(id: 3, line: 5)])
  }

  @Test func emptyFileListsNothing() throws {
    #expect(try read("").isEmpty)
    #expect(try read("\n-- nothing yet\n").isEmpty)
  }

  @Test func refusalsNameTheFileLineAndColumn() {
    #expect(refusal("1\n  2x\n")?.description == "ids.txt:2:3: error: '2x' is not an instance id")
    #expect(refusal("1\n-4\n")?.description == "ids.txt:2:1: error: an id cannot be negative")
    #expect(refusal("99999999999999999999\n")?.description
              == "ids.txt:1:1: error: the id is too large (at most 9223372036854775807)")
    #expect(refusal("label,text\nA,x\n")?.description == "ids.txt:1: error: the CSV header has no 'id' column")
    #expect(refusal("id,label\n1,A\n,B\n")?.description == "ids.txt:3:1: error: an empty id")
    #expect(refusal("id,text\n1,\"open\n")?.description == "ids.txt:2:3: error: unterminated quoted field")
  }

  @Test func missingFileIsOneMessage() {
    #expect(throws: BundleError.self) { try IDList.read(path: "/nonexistent/ids.txt") }
    do {
      _ = try IDList.read(path: "/nonexistent/ids.txt")
    } catch let error as BundleError {
      #expect(error.description == "/nonexistent/ids.txt: error: no such file")
    } catch {}
  }
}
