import ActivisCore
import ActivisTestSupport
import Testing

/// Writes a bundle without layers around `csv` (or raw bytes) and opens it.
private func open(csv: String? = nil, bytes: [UInt8]? = nil, classes: [String]? = nil) throws
  -> ActivationBundle
{
  let bundle = try TestBundle()
  defer { bundle.remove() }
  try bundle.writeManifest(TestManifest(classes: classes))
  if let csv { try bundle.writeInstances(csv: csv) }
  if let bytes { try bundle.writeBytes("instances.csv", bytes) }
  return try ActivationBundle.open(bundle.path)
}

/// The error opening such a bundle gives, with its file name made relative.
private func refusal(csv: String? = nil, bytes: [UInt8]? = nil, classes: [String]? = nil)
  -> BundleError?
{
  let error = #expect(throws: BundleError.self) { try open(csv: csv, bytes: bytes, classes: classes) }
  guard var error else { return nil }
  #expect(error.file.hasSuffix("/instances.csv"), "names the file: \(error.file)")
  error.file = "instances.csv"
  return error
}

@Suite struct InstancesCSVTests {
  @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
    let csv = "id,text,label\n0,\"a, b\",x\n1,\"say \"\"hi\"\"\",y\n2,\"two\nlines\",x\n3,plain,y"
    let bundle = try open(csv: csv)
    let text = try #require(bundle.instances.text)
    #expect((0 ..< 4).map(text.string(at:)) == ["a, b", "say \"hi\"", "two\nlines", "plain"])
    #expect(bundle.instances.ids == [0, 1, 2, 3])
    #expect(bundle.classes == ["x", "y"])
    #expect(bundle.instances.labels == [0, 1, 0, 1])
  }

  @Test func crlfLineEndingsAndByteOrderMark() throws {
    let csv = "\u{FEFF}id,text,label\r\n5,\"a\r\nb\",x\r\n6,c,y\r\n"
    let bundle = try open(csv: csv)
    #expect(bundle.instances.ids == [5, 6])
    #expect(bundle.instances.text?.string(at: 0) == "a\r\nb")
    #expect(bundle.instances.text?.string(at: 1) == "c")
  }

  @Test func blankLinesAreSkippedAndTrailingFieldsMayBeEmpty() throws {
    let bundle = try open(csv: "id,label,note\n\n0,x,\n1,y,z\n\n")
    #expect(bundle.instances.count == 2)
    guard case .categorical(let codes, let categories) = bundle.instances.attributes[0].values else {
      Issue.record("note should be categorical")
      return
    }
    #expect(categories == ["z"])
    #expect(codes == [-1, 0])
  }

  @Test func classesComeFromTheManifestOrSortedValues() throws {
    let derived = try open(csv: "id,label,predicted\n0,NUM,DESC\n1,ABBR,NUM\n2,,ABBR\n")
    #expect(derived.classes == ["ABBR", "DESC", "NUM"])
    #expect(derived.instances.labels == [2, 0, -1])
    #expect(derived.instances.predicted == [1, 2, 0])
    let fixed = try open(csv: "id,label\n0,b\n1,a\n", classes: ["b", "a", "c"])
    #expect(fixed.classes == ["b", "a", "c"])
    #expect(fixed.instances.labels == [0, 1])
  }

  @Test func scoresAndTypedAttributes() throws {
    let csv = """
      id,score:a,score:b,length,kind,code
      0,0.25,1e-3,3,x,7
      1,,0.5,-2.5,y,08
      2,1,inf,,x,
      """
    let bundle = try open(csv: csv)
    #expect(bundle.instances.scores.map(\.className) == ["a", "b"])
    let a = bundle.instances.scores[0].values
    #expect(a[0] == 0.25 && a[1].isNaN && a[2] == 1)
    #expect(bundle.instances.scores[1].values == [0.001, 0.5, .infinity])
    #expect(bundle.instances.attributes.map(\.name) == ["length", "kind", "code"])
    guard case .numeric(let length) = bundle.instances.attributes[0].values,
          case .categorical(let codes, let categories) = bundle.instances.attributes[1].values,
          case .numeric(let code) = bundle.instances.attributes[2].values else {
      Issue.record("length and code should be numeric, kind categorical")
      return
    }
    #expect(length[0] == 3 && length[1] == -2.5 && length[2].isNaN)
    #expect(categories == ["x", "y"] && codes == [0, 1, 0])
    #expect(code[0] == 7 && code[1] == 8 && code[2].isNaN)
  }

  @Test func aColumnTurnsCategoricalAtItsFirstNonNumber() throws {
    let csv = "id,size\n0,1\n1,\"2\"\n2,\n3,big\n4,1\n"
    let bundle = try open(csv: csv)
    guard case .categorical(let codes, let categories) = bundle.instances.attributes[0].values else {
      Issue.record("size should be categorical")
      return
    }
    #expect(categories == ["1", "2", "big"])
    #expect(codes == [0, 1, -1, 2, 0])
  }

  @Test func invalidUTF8IsReplacedWithOneWarning() throws {
    var bytes = Array("id,text,label\n0,caf".utf8) + [0xE9] + Array(",x\n1,ok".utf8)
    bytes += [0xFF, 0xFE] + Array(",x\n2,\u{E9}t\u{E9},x\n".utf8)
    let bundle = try open(bytes: bytes)
    #expect(bundle.instances.text?.string(at: 0) == "caf\u{FFFD}")
    #expect(bundle.instances.text?.string(at: 1) == "ok\u{FFFD}\u{FFFD}")
    #expect(bundle.instances.text?.string(at: 2) == "\u{E9}t\u{E9}")
    #expect(bundle.warnings.count == 1)
    let warning = try #require(bundle.warnings.first)
    #expect(warning.file.hasSuffix("/instances.csv"))
    #expect(warning.message
      == "replaced 3 bytes that are not valid UTF-8 with U+FFFD (the first on line 2, column 6)")
  }

  @Test func idsMayBeInAnyOrder() throws {
    let bundle = try open(csv: "id\n30\n10\n20\n")
    #expect(bundle.instances.row(ofID: 10) == 1)
    #expect(bundle.instances.row(ofID: 20) == 2)
    #expect(bundle.instances.row(ofID: 31) == nil)
  }

  @Test func raggedRow() {
    let error = refusal(csv: "id,label\n0,x\n1\n")
    #expect(error?.code == .malformedCSV)
    #expect(error?.description == "instances.csv:3:1: error: expected 2 fields as in the header, found 1")
  }

  @Test func unterminatedQuote() {
    let error = refusal(csv: "id,text\n0,\"fine\"\n1,\"never closed\n2,x\n")
    #expect(error?.code == .malformedCSV)
    #expect(error?.description == "instances.csv:3:3: error: unterminated quoted field")
  }

  @Test func textAfterAClosingQuote() {
    let error = refusal(csv: "id,text\n0,\"a\"b\n")
    #expect(error?.description
      == "instances.csv:2:6: error: expected ',' or the end of the line after a closing quote")
  }

  @Test func missingIDColumn() {
    let error = refusal(csv: "text,label\nhello,x\n")
    #expect(error?.code == .invalidInstances)
    #expect(error?.description
      == "instances.csv:1:1: error: no 'id' column (the header has 'text', 'label')")
  }

  @Test func duplicateID() {
    let error = refusal(csv: "id,label\n4,x\n7,x\n4,y\n")
    #expect(error?.code == .invalidInstances)
    #expect(error?.description == "instances.csv:4:1: error: duplicate id 4 (already on line 2)")
  }

  @Test(arguments: [
    ("1.5", "id '1.5' is not a non-negative integer"),
    ("abc", "id 'abc' is not a non-negative integer"),
    ("", "an empty id is not a non-negative integer"),
    ("-3", "id '-3' is negative"),
    ("99999999999999999999", "id '99999999999999999999' is too large (at most 9223372036854775807)"),
  ])
  func badID(value: String, message: String) {
    let error = refusal(csv: "id,label\n0,x\n\(value),y\n")
    #expect(error?.code == .invalidInstances)
    #expect(error?.line == 3 && error?.column == 1)
    #expect(error?.message == message)
  }

  @Test func labelNotInClasses() {
    let error = refusal(csv: "id,label,predicted\n0,a,a\n1,b,a\n2,zz,a\n", classes: ["a", "b"])
    #expect(error?.code == .unknownClass)
    #expect(error?.description
      == "instances.csv:4:3: error: label 'zz' is not one of the classes in the manifest ('a', 'b')")
  }

  @Test func predictedNotInClasses() {
    let error = refusal(csv: "id,label,predicted\n0,a,a\n1,b,\"c\"\n", classes: ["a", "b"])
    #expect(error?.code == .unknownClass)
    #expect(error?.line == 3 && error?.column == 6)
    #expect(error?.message.hasPrefix("predicted 'c' is not one of the classes") == true)
  }

  @Test func scoreThatIsNotANumber() {
    let error = refusal(csv: "id,score:a\n0,0.5\n1,high\n")
    #expect(error?.code == .invalidInstances)
    #expect(error?.description == "instances.csv:3:3: error: 'high' in column 'score:a' is not a number")
  }

  @Test func scoreForAnUnknownClass() {
    let error = refusal(csv: "id,label,score:q\n0,a,0.5\n", classes: ["a"])
    #expect(error?.code == .unknownClass)
    #expect(error?.line == 1 && error?.column == 10)
  }

  @Test func headerFaults() {
    #expect(refusal(csv: "")?.code == .invalidInstances)
    let unnamed = refusal(csv: ",id,label\n0,0,x\n")
    #expect(unnamed?.code == .malformedCSV)
    #expect(unnamed?.message
      == "column 1 of the header has no name (an index written by pandas' to_csv without index=False?)")
    let twice = refusal(csv: "id,label,label\n0,x,y\n")
    #expect(twice?.description == "instances.csv:1:10: error: duplicate column 'label' in the header")
  }

  @Test func columnsCountCharactersNotBytes() {
    let error = refusal(csv: "id,text\n0,\"h\u{E9}llo\"x\n")
    #expect(error?.line == 2 && error?.column == 10)
  }
}
