import ActivisCore
import Testing

@Suite struct Float16ConversionTests {
  @Test func everyBitPatternMatchesTheHardwareConversion() {
    for bits in 0 ... Int(UInt16.max) {
      let pattern = UInt16(bits)
      let expected = Float(Float16(bitPattern: pattern))
      let converted = Float16Conversion.float(fromBits: pattern)
      if expected.isNaN {
        if !converted.isNaN { Issue.record("0x\(String(bits, radix: 16)) should be NaN") }
      } else if converted.bitPattern != expected.bitPattern {
        Issue.record("0x\(String(bits, radix: 16)): \(converted) != \(expected)")
      }
    }
  }

  @Test func knownValues() {
    #expect(Float16Conversion.float(fromBits: 0x3C00) == 1)
    #expect(Float16Conversion.float(fromBits: 0xC000) == -2)
    #expect(Float16Conversion.float(fromBits: 0x7BFF) == 65504)
    #expect(Float16Conversion.float(fromBits: 0x0001) == 0x1p-24)
    #expect(Float16Conversion.float(fromBits: 0x03FF) == Float(1023) * 0x1p-24)
    #expect(Float16Conversion.float(fromBits: 0x7C00) == .infinity)
    #expect(Float16Conversion.float(fromBits: 0xFC00) == -.infinity)
    #expect(Float16Conversion.float(fromBits: 0x8000).sign == .minus)
    #expect(Float16Conversion.float(fromBits: 0x7E00).isNaN)
  }
}
