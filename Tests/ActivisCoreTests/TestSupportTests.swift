import ActivisCore
import ActivisTestSupport
import Foundation
import Testing

@Suite struct TestSupportTests {
  @Test func float16EncodingMatchesHardwareConversion() {
    // Every half value, the midpoints between neighbours (ties to even) and
    // points just off them; Swift's Float16(Double) rounds correctly.
    var checked = 0
    for bits in UInt16(0) ..< 0x7C00 {
      let low = Double(Float16(bitPattern: bits))
      let high = Double(Float16(bitPattern: bits + 1))
      for value in [low, (low + high) / 2, low.nextUp, ((low + high) / 2).nextDown,
                    ((low + high) / 2).nextUp] {
        for signed in [value, -value] where NpyEncoder.float16Bits(signed) != Float16(signed).bitPattern {
          Issue.record("float16 of \(signed)")
        }
        checked += 1
      }
    }
    #expect(checked > 150_000)
    #expect(NpyEncoder.float16Bits(65520) == 0x7C00)
    #expect(NpyEncoder.float16Bits(65519.99) == 0x7BFF)
    #expect(NpyEncoder.float16Bits(-.infinity) == 0xFC00)
    #expect(NpyEncoder.float16Bits(.nan) == 0x7E00)
    #expect(NpyEncoder.float16Bits(1e-9) == 0)
  }

  @Test func npyHeaderIsPaddedTo64Bytes() {
    for version in 1 ... 3 {
      let header = NpyEncoder.header(
        dictionary: NpyEncoder.dictionary(descr: "<f4", fortranOrder: false, shape: [3]),
        version: version)
      #expect(header.count % 64 == 0)
      #expect(header.last == 0x0A)
      #expect(header[6] == UInt8(version))
    }
    #expect(NpyEncoder.dictionary(descr: "<f2", fortranOrder: true, shape: [2, 3])
      == "{'descr': '<f2', 'fortran_order': True, 'shape': (2, 3), }")
  }

  @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
    #expect(CSVEncoder.field("plain") == "plain")
    #expect(CSVEncoder.field("a,b") == "\"a,b\"")
    #expect(CSVEncoder.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSVEncoder.field("two\r\nlines") == "\"two\r\nlines\"")
  }

  @Test func makeWritesShardsAndManifest() throws {
    let layer = TestLayer(name: "fc", rows: [[1, 2], [3, 4], [5, 6]], shards: 2)
    let bundle = try TestBundle.make(labels: ["a", "b", "a"], layers: [layer])
    defer { bundle.remove() }
    let files = try FileManager.default.contentsOfDirectory(atPath: bundle.path("activations"))
    #expect(files.sorted() == ["fc.000.npy", "fc.001.npy"])
    let csv = try String(contentsOfFile: bundle.path("instances.csv"), encoding: .utf8)
    #expect(csv == "id,label\n0,a\n1,b\n2,a\n")
    #expect(layer.shardRows == [0 ..< 1, 1 ..< 3])
  }
}
