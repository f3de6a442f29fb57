/// Exact k-nearest-neighbour search with a vantage-point tree (Yianilos 1993).
///
/// The tree is stored implicitly in a permutation of the rows: the node covering positions
/// `lo..<hi` has its vantage point at `lo`, points closer than `radius[lo]` in
/// `lo+1..<mid` and the rest in `mid..<hi`, where `mid = (lo + 1 + hi) / 2`.
struct VantagePointTree {
  private let data: UnsafeBufferPointer<Float>
  private let columns: Int
  private var order: [Int32]
  private var radius: [Float]
  private static let leafSize = 12

  /// Builds the tree over the `rows × columns` matrix `data` (which must outlive the tree).
  init(_ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, seed: UInt64) {
    self.data = data
    self.columns = columns
    var order = (0..<rows).map { Int32($0) }
    var radius = [Float](repeating: 0, count: rows)
    var distances = [Float](repeating: 0, count: rows)
    var generator = SeededGenerator(seed: seed ^ 0x5650_5452_4545)
    var stack: [(Int, Int)] = [(0, rows)]
    let base = data.baseAddress!
    order.withUnsafeMutableBufferPointer { order in
      distances.withUnsafeMutableBufferPointer { dist in
        while let (lo, hi) = stack.popLast() {
          if hi - lo <= Self.leafSize { continue }
          let pick = lo + generator.nextInt(below: hi - lo)
          order.swapAt(lo, pick)
          let vp = base + Int(order[lo]) * columns
          for p in (lo + 1)..<hi {
            dist[p] = Distance.squared(vp, base + Int(order[p]) * columns, columns).squareRoot()
          }
          let mid = (lo + 1 + hi) / 2
          Self.select(order, dist, lo + 1, hi, mid)
          radius[lo] = dist[mid]
          stack.append((lo + 1, mid))
          stack.append((mid, hi))
        }
      }
    }
    self.order = order
    self.radius = radius
  }

  /// Rearranges `lo..<hi` so position `nth` holds the element that sorting by distance would
  /// put there, smaller ones before and larger ones after (Hoare's quickselect).
  private static func select(
    _ order: UnsafeMutableBufferPointer<Int32>, _ dist: UnsafeMutableBufferPointer<Float>,
    _ lo: Int, _ hi: Int, _ nth: Int
  ) {
    var left = lo
    var right = hi - 1
    while right > left {
      let pivot = dist[(left + right) / 2]
      var i = left
      var j = right
      while i <= j {
        while dist[i] < pivot { i += 1 }
        while dist[j] > pivot { j -= 1 }
        if i <= j {
          dist.swapAt(i, j)
          order.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if nth <= j {
        right = j
      } else if nth >= i {
        left = i
      } else {
        return
      }
    }
  }

  /// The `k` nearest other rows of every row, nearest first.
  func allNearestNeighbors(k: Int, threads: Int, isCancelled: () -> Bool) throws
    -> NeighborGraph
  {
    let rows = order.count
    var indices = [Int32](repeating: 0, count: rows * k)
    var distances = [Double](repeating: 0, count: rows * k)
    let blocks = Parallel.blockCount(count: rows, minimumSize: 64, maximum: 256)
    try indices.withUnsafeMutableBufferPointer { idx in
      try distances.withUnsafeMutableBufferPointer { dist in
        try Parallel.forEach(blocks: blocks, threads: threads, isCancelled: isCancelled) { b in
          var heap = NeighborHeap(capacity: k + 1)
          for i in Parallel.range(block: b, blocks: blocks, count: rows) {
            heap.reset()
            search(query: i, heap: &heap)
            heap.sortAscending()
            var slot = i * k
            var taken = 0
            for e in 0..<heap.count where taken < k && heap.index(e) != Int32(i) {
              idx[slot] = heap.index(e)
              dist[slot] = Double(heap.distance(e))
              slot += 1
              taken += 1
            }
          }
        }
      }
    }
    return NeighborGraph(k: k, indices: indices, squaredDistances: distances)
  }

  /// Fills `heap` with the nearest rows to row `query` (itself included).
  private func search(query: Int, heap: inout NeighborHeap) {
    let base = data.baseAddress!
    let q = base + query * columns
    order.withUnsafeBufferPointer { order in
      radius.withUnsafeBufferPointer { radius in
        func visit(_ lo: Int, _ hi: Int) {
          if hi - lo <= Self.leafSize {
            for p in lo..<hi {
              let j = order[p]
              heap.offer(Distance.squared(q, base + Int(j) * columns, columns), j)
            }
            return
          }
          let vp = order[lo]
          let d2 = Distance.squared(q, base + Int(vp) * columns, columns)
          heap.offer(d2, vp)
          let d = d2.squareRoot()
          let r = radius[lo]
          let mid = (lo + 1 + hi) / 2
          if d < r {
            if d - heap.bound <= r { visit(lo + 1, mid) }
            if d + heap.bound >= r { visit(mid, hi) }
          } else {
            if d + heap.bound >= r { visit(mid, hi) }
            if d - heap.bound <= r { visit(lo + 1, mid) }
          }
        }
        visit(0, order.count)
      }
    }
  }
}

/// A bounded max-heap of (squared distance, index) keeping the smallest `capacity` offers.
struct NeighborHeap {
  private var keys: [Float]
  private var values: [Int32]
  private(set) var count = 0
  private let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    keys = [Float](repeating: 0, count: capacity)
    values = [Int32](repeating: 0, count: capacity)
  }

  mutating func reset() { count = 0 }

  /// The distance (not squared) within which offers can still enter the heap.
  var bound: Float { count < capacity ? .infinity : keys[0].squareRoot() }

  func index(_ e: Int) -> Int32 { values[e] }
  func distance(_ e: Int) -> Float { keys[e] }

  /// Offers a candidate; ties are broken by index so results are reproducible.
  @inline(__always)
  mutating func offer(_ key: Float, _ value: Int32) {
    if count < capacity {
      var i = count
      count += 1
      while i > 0 {
        let parent = (i - 1) / 2
        if !Self.less(keys[parent], values[parent], key, value) { break }
        keys[i] = keys[parent]
        values[i] = values[parent]
        i = parent
      }
      keys[i] = key
      values[i] = value
    } else if Self.less(key, value, keys[0], values[0]) {
      siftDown(key, value, within: count)
    }
  }

  /// Places (`key`, `value`) at the root and sinks it within the first `end` entries.
  @inline(__always)
  private mutating func siftDown(_ key: Float, _ value: Int32, within end: Int) {
    var i = 0
    while true {
      let l = 2 * i + 1
      if l >= end { break }
      var c = l
      if l + 1 < end && Self.less(keys[l], values[l], keys[l + 1], values[l + 1]) { c = l + 1 }
      if !Self.less(key, value, keys[c], values[c]) { break }
      keys[i] = keys[c]
      values[i] = values[c]
      i = c
    }
    keys[i] = key
    values[i] = value
  }

  @inline(__always)
  private static func less(_ a: Float, _ ai: Int32, _ b: Float, _ bi: Int32) -> Bool {
    a < b || (a == b && ai < bi)
  }

  /// Sorts the kept entries nearest first, in place (destroys the heap order).
  mutating func sortAscending() {
    var end = count - 1
    while end > 0 {
      keys.swapAt(0, end)
      values.swapAt(0, end)
      siftDown(keys[0], values[0], within: end)
      end -= 1
    }
  }
}
