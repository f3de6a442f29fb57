/// The results of a parallel loop: one slot per index, each written by one
/// thread only, and read once every thread is done.
final class ThreadSlots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value>

  init(count: Int, initial: Value) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: initial)
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  subscript(index: Int) -> Value {
    get { slots[index] }
    set { slots[index] = newValue }
  }

  /// Every slot, in index order.
  var values: [Value] { Array(slots) }
}
