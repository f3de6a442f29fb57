import ActivisCore
import ActivisTestSupport
import Testing

/// Parses the header of `bytes` as a file called `fc.npy`.
private func parse(_ bytes: [UInt8]) throws -> NpyHeader {
  try bytes.withUnsafeBytes { try NpyHeader.parse($0, file: "trec/activations/fc.npy") }
}

private func refusal(_ bytes: [UInt8]) -> BundleError? {
  #expect(throws: BundleError.self) { try parse(bytes) }
}

private func header(_ dictionary: String, version: Int = 1, payload: Int = 0) -> [UInt8] {
  NpyEncoder.header(dictionary: dictionary, version: version) + [UInt8](repeating: 0, count: payload)
}

@Suite struct NpyHeaderTests {
  @Test(arguments: [1, 2, 3], ScalarType.allCases)
  func versionsAndDtypes(version: Int, dtype: ScalarType) throws {
    let bytes = NpyEncoder.file(values: [1, 2, 3, 4, 5, 6], shape: [2, 3], dtype: dtype, version: version)
    let parsed = try parse(bytes)
    #expect(parsed.majorVersion == version)
    #expect(parsed.scalarType == dtype)
    #expect(parsed.shape == [2, 3])
    #expect(parsed.dataOffset == 128)  // magic, version, length, 60-byte dict, padding
    #expect(!parsed.fortranOrder)
    #expect(parsed.dataByteCount == 6 * dtype.byteWidth)
  }

  @Test func spacingQuotesAndKeyOrderMayVary() throws {
    let dict = "{\"shape\":(4,2,3),'fortran_order':False,\"descr\":\"<f8\"}"
    let parsed = try parse(header(dict, payload: 4 * 2 * 3 * 8))
    #expect(parsed.shape == [4, 2, 3])
    #expect(parsed.scalarType == .float64)
    let oneDimensional = try parse(header("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", payload: 20))
    #expect(oneDimensional.shape == [5])
  }

  @Test func notAnNpyFile() {
    let error = refusal(Array("id,label\n".utf8))
    #expect(error?.code == .malformedNpy)
    #expect(error?.description == "trec/activations/fc.npy: error: not a .npy file "
      + "(it does not start with the NumPy magic '\\x93NUMPY')")
  }

  @Test func unknownFormatVersion() {
    var bytes = NpyEncoder.file(values: [1], shape: [1, 1])
    bytes[6] = 4
    #expect(refusal(bytes)?.message == "unsupported .npy format version 4.0 (expected 1.0, 2.0 or 3.0)")
  }

  @Test(arguments: [
    ("<f2", ScalarType.Kind.float, 2, false), (">f2", .float, 2, true), ("=f4", .float, 4, false),
    ("|f4", .float, 4, false), (">f8", .float, 8, true), ("|i1", .signedInteger, 1, false),
    (">i1", .signedInteger, 1, false), ("<i2", .signedInteger, 2, false), (">i4", .signedInteger, 4, true),
    ("<i8", .signedInteger, 8, false), ("|u1", .unsignedInteger, 1, false), (">u2", .unsignedInteger, 2, true),
    ("=u4", .unsignedInteger, 4, false), (">u8", .unsignedInteger, 8, true), ("|b1", .boolean, 1, false),
  ])
  func everyByteOrderAndKind(descr: String, kind: ScalarType.Kind, width: Int, bigEndian: Bool) throws {
    let parsed = try parse(header("{'descr': '\(descr)', 'fortran_order': False, 'shape': (3, 1), }",
                                  payload: 3 * width))
    #expect(parsed.scalarType.kind == kind)
    #expect(parsed.scalarType.byteWidth == width)
    #expect(parsed.scalarType.isBigEndian == bigEndian)
    #expect(parsed.dataByteCount == 3 * width)
  }

  @Test func numpyNames() {
    #expect(ScalarType.float16.numpyName == "float16")
    #expect(ScalarType(.unsignedInteger, byteWidth: 8).numpyName == "uint64")
    #expect(ScalarType(.signedInteger, byteWidth: 1).numpyName == "int8")
    #expect(ScalarType(.boolean, byteWidth: 1).numpyName == "bool")
    #expect(ScalarType(.float, byteWidth: 4, bigEndian: true).numpyName == "float32 big-endian")
    #expect(ScalarType(.boolean, byteWidth: 1, bigEndian: true).descr == "|b1")
  }

  @Test(arguments: [
    ("<c8", "complex numbers"), (">c16", "complex numbers"), ("|O", "Python objects"),
    ("|S5", "byte strings"), ("<U3", "unicode strings"), ("|V8", "raw or structured records"),
    ("<M8[ns]", "datetimes"), ("<m8[s]", "timedeltas"), ("<f16", "floats of 16 bytes"),
    ("<i3", "integers of 3 bytes"), ("|b2", "booleans of 2 bytes"), ("<q8", "not a numpy dtype"),
    ("", "not a numpy dtype"),
  ])
  func unsupportedDtype(descr: String, contents: String) {
    let error = refusal(header("{'descr': '\(descr)', 'fortran_order': False, 'shape': (2, 2), }",
                               payload: 16))
    #expect(error?.code == .unsupportedDtype)
    #expect(error?.description == "trec/activations/fc.npy: error: unsupported dtype '\(descr)' "
      + "(\(contents)): activis reads float, integer and bool arrays")
  }

  @Test func structuredDtype() {
    let error = refusal(header("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }"))
    #expect(error?.code == .unsupportedDtype)
    #expect(error?.description == "trec/activations/fc.npy: error: unsupported dtype: a structured dtype "
      + "(a list of fields): activis reads float, integer and bool arrays")
  }

  @Test(arguments: [1, 2, 3])
  func fortranOrderIsRead(version: Int) throws {
    let bytes = NpyEncoder.file(values: [1, 2, 3, 4, 5, 6], shape: [2, 3], version: version, fortranOrder: true)
    let parsed = try parse(bytes)
    #expect(parsed.fortranOrder)
    #expect(parsed.shape == [2, 3])
    #expect(!(try parse(NpyEncoder.file(values: [1], shape: [1, 1]))).fortranOrder)
  }

  @Test(arguments: [1, 2, 3, 63])
  func dataAtAnyOffset(misalignment: Int) throws {
    let bytes = NpyEncoder.file(values: [1, 2], shape: [1, 2], misalignment: misalignment)
    #expect(try parse(bytes).dataOffset == 128 + misalignment)
  }

  @Test func truncatedData() {
    let bytes = NpyEncoder.file(values: [1, 2, 3, 4, 5, 6], shape: [2, 3])
    let error = refusal(Array(bytes.dropLast(5)))
    #expect(error?.code == .truncatedNpy)
    #expect(error?.description == "trec/activations/fc.npy: error: truncated data: shape (2, 3) of "
      + "'<f4' needs 24 bytes after the header, the file has 19")
  }

  @Test func truncatedHeader() {
    let bytes = NpyEncoder.file(values: [1], shape: [1, 1])
    #expect(refusal(Array(bytes.prefix(40)))?.code == .truncatedNpy)
    #expect(refusal(Array(bytes.prefix(9)))?.code == .truncatedNpy)
  }

  @Test func extraBytesAfterTheData() {
    let error = refusal(NpyEncoder.file(values: [1, 2], shape: [1, 2]) + [0, 0, 0, 0])
    #expect(error?.code == .malformedNpy)
    #expect(error?.message == "4 unexpected bytes after the data of shape (1, 2) of '<f4'")
  }

  @Test(arguments: [
    ("{'descr': '<f4', 'shape': (2, 2), }", "the header dict has no 'fortran_order'"),
    ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x': 1}", "unexpected key 'x'"),
    ("{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 2), }", "expected True or False"),
    ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -2), }", "expected a non-negative integer"),
    ("{'descr': '<f4', 'fortran_order': False, 'shape': (2), }", "needs a trailing comma"),
    ("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", "appears twice"),
    ("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1) ", "expected ',' or '}'"),
    ("'descr': '<f4'", "expected '{' opening the header dict"),
    ("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", "shape () has no instance axis"),
  ])
  func malformedDictionary(dictionary: String, fragment: String) {
    let error = refusal(header(dictionary, payload: 16))
    #expect(error?.code == .malformedNpy)
    #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "no error")")
    #expect(error?.file == "trec/activations/fc.npy")
  }

  @Test func hugeShapeIsRefusedNotOverflowed() {
    let error = refusal(header(
      "{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 4), }"))
    #expect(error?.code == .malformedNpy)
    #expect(error?.message.contains("too large") == true)
  }
}
