/// An owned, 16-byte-aligned copy of some bytes, freed when released.
final class AlignedCopy {
  let pointer: UnsafeMutableRawPointer

  init(_ source: UnsafeRawPointer, byteCount: Int) {
    pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(byteCount, 1), alignment: 16)
    pointer.copyMemory(from: source, byteCount: byteCount)
  }

  deinit { pointer.deallocate() }
}
