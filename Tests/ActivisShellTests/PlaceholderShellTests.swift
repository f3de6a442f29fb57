import Testing

@Test func placeholderShell() { #expect(Bool(true)) }
