/// The instances where one neuron is strongest or weakest (Summit-style
/// dataset examples): exact, over every member.
public enum InstanceRanking {
  /// The `count` rows of `members` with the highest values of `column`
  /// (the lowest with `lowest`), best first; ties go to the earlier row.
  /// NaN is in no ranking; ±infinity ranks as a number.
  ///
  /// Inlinable, so that it is specialised for the caller's `Value`: a
  /// generic comparison per member cost more than the ranking itself.
  ///
  /// - Complexity: O(m log count) for m members.
  @inlinable
  public static func top<Value: BinaryFloatingPoint>(_ count: Int, of column: [Value], members: InstanceSet,
                                                     lowest: Bool = false) -> [Int] {
    precondition(count >= 1, "at least one instance")
    precondition(members.capacity <= column.count, "members outside the column")
    return column.withUnsafeBufferPointer { values in
      // `before(a, b)`: a ranks ahead of b.
      func before(_ a: Int, _ b: Int) -> Bool {
        let x = values[a], y = values[b]
        if x != y { return lowest ? x < y : x > y }
        return a < b
      }
      // A bounded heap whose root is the worst row kept.
      var heap: [Int] = []
      heap.reserveCapacity(count)
      func siftDown(_ start: Int) {
        var parent = start
        while true {
          let left = 2 * parent + 1, right = left + 1
          var worst = parent
          if left < heap.count, before(heap[worst], heap[left]) { worst = left }
          if right < heap.count, before(heap[worst], heap[right]) { worst = right }
          if worst == parent { return }
          heap.swapAt(parent, worst)
          parent = worst
        }
      }
      members.forEachRow { row in
        guard !values[row].isNaN else { return }
        if heap.count < count {
          heap.append(row)
          var child = heap.count - 1
          while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[parent], heap[child]) else { break }
            heap.swapAt(parent, child)
            child = parent
          }
        } else if before(row, heap[0]) {
          heap[0] = row
          siftDown(0)
        }
      }
      return heap.sorted(by: before)
    }
  }
}
