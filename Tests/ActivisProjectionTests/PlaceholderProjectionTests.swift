import Testing

@Test func placeholderProjection() { #expect(Bool(true)) }
