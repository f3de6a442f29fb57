/// Approximate k-nearest neighbours for large inputs: a random-projection forest gives every
/// row a first candidate list, which nearest-neighbour descent (Dong, Moses & Li 2011)
/// refines — a neighbour of a neighbour is likely a neighbour.
///
/// Every row's list is kept as a max-heap in its own slice. Each round first samples, from the
/// state at its start, a join list per row (some forward neighbours, preferring ones not yet
/// joined, and some reverse neighbours); then every row, independently and in parallel,
/// pulls candidates from the join lists of the rows in its own join list. Rows only write
/// their own slice, so results do not depend on scheduling.
struct NeighborDescent {
  private let data: UnsafeBufferPointer<Float>
  private let rows: Int
  private let columns: Int
  private let k: Int
  private let threads: Int
  /// Forward and reverse neighbours sampled per row and per kind in each round.
  private let sample: Int
  private let trees: Int
  private let maximumRounds: Int
  /// Stop once a round changes fewer than this fraction of all list entries.
  private let convergence: Double

  /// Prepares a search over the `rows × columns` matrix `data`.
  init(
    _ data: UnsafeBufferPointer<Float>, rows: Int, columns: Int, k: Int, threads: Int,
    sample: Int = 16, trees: Int = 6, maximumRounds: Int = 8, convergence: Double = 0.001
  ) {
    self.sample = sample
    self.trees = trees
    self.maximumRounds = maximumRounds
    self.convergence = convergence
    self.data = data
    self.rows = rows
    self.columns = columns
    self.k = k
    self.threads = threads
  }

  /// The approximate `k` nearest other rows of every row, nearest first.
  func graph(seed: UInt64, isCancelled: () -> Bool) throws -> NeighborGraph {
    let n = rows
    var index = [Int32](repeating: 0, count: n * k)
    var distance = [Float](repeating: 0, count: n * k)
    var fresh = [Bool](repeating: true, count: n * k)
    let leaves = try forest(seed: seed, isCancelled: isCancelled)
    let blocks = Parallel.blockCount(count: n, minimumSize: 256)
    let base = data.baseAddress!
    let columns = self.columns
    let k = self.k

    // Start: k random distinct rows, then the members of the row's leaf in every tree.
    try index.withUnsafeMutableBufferPointer { index in
      try distance.withUnsafeMutableBufferPointer { distance in
        try Parallel.forEach(blocks: blocks, threads: threads, isCancelled: isCancelled) { b in
          var visited = [Int32](repeating: -1, count: n)
          for i in Parallel.range(block: b, blocks: blocks, count: n) {
            let slot = i * k
            var generator = SeededGenerator(seed: seed &+ UInt64(i) &* 0x9E37_79B9)
            visited[i] = Int32(i)
            var filled = 0
            while filled < k {
              let j = generator.nextInt(below: n)
              if visited[j] == Int32(i) { continue }
              visited[j] = Int32(i)
              index[slot + filled] = Int32(j)
              distance[slot + filled] = Distance.squared(
                base + i * columns, base + j * columns, columns)
              filled += 1
            }
            Self.heapify(index.baseAddress! + slot, distance.baseAddress! + slot, k)
            for t in 0..<trees {
              let (order, start, end) = leaves[t]
              let leaf = Int(start[i])..<Int(end[i])
              for p in leaf {
                let j = Int(order[p])
                if visited[j] == Int32(i) { continue }
                visited[j] = Int32(i)
                let d = Distance.squared(base + i * columns, base + j * columns, columns)
                if d < distance[slot] {
                  Self.replaceTop(
                    index.baseAddress! + slot, distance.baseAddress! + slot, k,
                    Int32(j), d, nil, false)
                }
              }
            }
          }
        }
      }
    }
    if isCancelled() { throw ProjectionCancelled() }

    // Descent rounds.
    let width = 3 * sample
    var join = [Int32](repeating: -1, count: n * width)
    var joinNew = [Bool](repeating: false, count: n * width)
    var joinCount = [Int](repeating: 0, count: n)
    var updates = [Int](repeating: 0, count: blocks)
    for _ in 0..<maximumRounds {
      buildJoinLists(index, &fresh, &join, &joinNew, &joinCount)
      try index.withUnsafeMutableBufferPointer { index in
        try distance.withUnsafeMutableBufferPointer { distance in
          try fresh.withUnsafeMutableBufferPointer { fresh in
            try join.withUnsafeBufferPointer { join in
              try joinNew.withUnsafeBufferPointer { joinNew in
                try joinCount.withUnsafeBufferPointer { joinCount in
                  try updates.withUnsafeMutableBufferPointer { updates in
                    try Parallel.forEach(
                      blocks: blocks, threads: threads, isCancelled: isCancelled
                    ) { b in
                      var visited = [Int32](repeating: -1, count: n)
                      var changed = 0
                      for i in Parallel.range(block: b, blocks: blocks, count: n) {
                        let slot = i * k
                        let me = Int32(i)
                        visited[i] = me
                        for e in slot..<(slot + k) { visited[Int(index[e])] = me }
                        let q = base + i * columns
                        /// Offers row `j` as a neighbour of `i` unless already seen.
                        func consider(_ j: Int) {
                          if visited[j] == me { return }
                          visited[j] = me
                          let d = Distance.squared(q, base + j * columns, columns)
                          if d < distance[slot] {
                            Self.replaceTop(
                              index.baseAddress! + slot, distance.baseAddress! + slot, k,
                              Int32(j), d, fresh.baseAddress! + slot, true)
                            changed += 1
                          }
                        }
                        for a in (i * width)..<(i * width + joinCount[i]) {
                          let v = Int(join[a])
                          let vNew = joinNew[a]
                          if vNew { consider(v) }
                          for c in (v * width)..<(v * width + joinCount[v]) where vNew || joinNew[c]
                          {
                            consider(Int(join[c]))
                          }
                        }
                      }
                      updates[b] = changed
                    }
                  }
                }
              }
            }
          }
        }
      }
      if isCancelled() { throw ProjectionCancelled() }
      if Double(updates.reduce(0, +)) <= convergence * Double(n * k) { break }
    }

    // Nearest first.
    var sortedIndex = [Int32](repeating: 0, count: n * k)
    var sortedDistance = [Double](repeating: 0, count: n * k)
    index.withUnsafeBufferPointer { index in
      distance.withUnsafeBufferPointer { distance in
        sortedIndex.withUnsafeMutableBufferPointer { outIndex in
          sortedDistance.withUnsafeMutableBufferPointer { outDistance in
            Parallel.forEach(blocks: blocks, threads: threads) { b in
              var order = [Int](repeating: 0, count: k)
              for i in Parallel.range(block: b, blocks: blocks, count: n) {
                let slot = i * k
                for e in 0..<k { order[e] = slot + e }
                order.sort {
                  distance[$0] < distance[$1]
                    || (distance[$0] == distance[$1] && index[$0] < index[$1])
                }
                for e in 0..<k {
                  outIndex[slot + e] = index[order[e]]
                  outDistance[slot + e] = Double(distance[order[e]])
                }
              }
            }
          }
        }
      }
    }
    return NeighborGraph(k: k, indices: sortedIndex, squaredDistances: sortedDistance)
  }

  /// Samples every row's join list: up to `sample` not-yet-joined forward neighbours
  /// (marked joined), up to `sample` already-joined ones, and up to `sample` reverse ones.
  private func buildJoinLists(
    _ index: [Int32], _ fresh: inout [Bool], _ join: inout [Int32], _ joinNew: inout [Bool],
    _ joinCount: inout [Int]
  ) {
    let width = 3 * sample
    var forwardCount = [Int](repeating: 0, count: rows)
    for i in 0..<rows {
      var taken = 0
      var takenOld = 0
      let out = i * width
      for e in (i * k)..<((i + 1) * k) {
        if fresh[e] {
          if taken < sample {
            join[out + taken + takenOld] = index[e]
            joinNew[out + taken + takenOld] = true
            fresh[e] = false
            taken += 1
          }
        } else if takenOld < sample {
          join[out + taken + takenOld] = index[e]
          joinNew[out + taken + takenOld] = false
          takenOld += 1
        }
      }
      forwardCount[i] = taken + takenOld
    }
    for i in 0..<rows { joinCount[i] = forwardCount[i] }
    var reverse = [Int](repeating: 0, count: rows)
    for i in 0..<rows {
      for a in (i * width)..<(i * width + forwardCount[i]) {
        let j = Int(join[a])
        if reverse[j] < sample {
          let slot = j * width + joinCount[j]
          join[slot] = Int32(i)
          joinNew[slot] = joinNew[a]
          joinCount[j] += 1
          reverse[j] += 1
        }
      }
    }
  }

  /// One leaf assignment per tree: the tree's row order and, per row, its leaf's range in it.
  private func forest(seed: UInt64, isCancelled: () -> Bool) throws
    -> [(order: [Int32], start: [Int32], end: [Int32])]
  {
    var result = [([Int32], [Int32], [Int32])](
      repeating: ([], [], []), count: trees)
    let leafSize = max(k + 1, 64)
    let n = rows
    let columns = self.columns
    let base = data.baseAddress!
    try result.withUnsafeMutableBufferPointer { result in
      try Parallel.forEach(blocks: trees, threads: threads, isCancelled: isCancelled) { t in
        var generator = SeededGenerator(seed: seed ^ (0x5250_4654 &+ UInt64(t) &* 0x1000_0001))
        var order = (0..<n).map { Int32($0) }
        var start = [Int32](repeating: 0, count: n)
        var end = [Int32](repeating: 0, count: n)
        var normal = [Float](repeating: 0, count: columns)
        var stack = [(0, n)]
        while let (lo, hi) = stack.popLast() {
          if hi - lo <= leafSize {
            for p in lo..<hi {
              start[Int(order[p])] = Int32(lo)
              end[Int(order[p])] = Int32(hi)
            }
            continue
          }
          let a = Int(order[lo + generator.nextInt(below: hi - lo)])
          var b = Int(order[lo + generator.nextInt(below: hi - lo)])
          var attempts = 0
          while b == a && attempts < 8 {
            b = Int(order[lo + generator.nextInt(below: hi - lo)])
            attempts += 1
          }
          var offset: Float = 0
          for j in 0..<columns {
            let xa = base[a * columns + j]
            let xb = base[b * columns + j]
            normal[j] = xa - xb
            offset += (xa - xb) * (xa + xb) / 2
          }
          var left = lo
          var right = hi - 1
          while left <= right {
            var dot: Float = 0
            let row = base + Int(order[left]) * columns
            for j in 0..<columns { dot += row[j] * normal[j] }
            if dot > offset {
              left += 1
            } else {
              order.swapAt(left, right)
              right -= 1
            }
          }
          var mid = left
          // Degenerate split (duplicates): cut in the middle instead.
          if mid - lo < leafSize / 8 || hi - mid < leafSize / 8 { mid = (lo + hi) / 2 }
          stack.append((lo, mid))
          stack.append((mid, hi))
        }
        result[t] = (order, start, end)
      }
    }
    return result.map { (order: $0.0, start: $0.1, end: $0.2) }
  }

  /// Turns `count` entries into a max-heap by distance.
  private static func heapify(
    _ index: UnsafeMutablePointer<Int32>, _ distance: UnsafeMutablePointer<Float>, _ count: Int
  ) {
    var i = count / 2 - 1
    while i >= 0 {
      siftDown(index, distance, count, i, nil)
      i -= 1
    }
  }

  /// Replaces the farthest entry by (`value`, `key`) and restores heap order.
  @inline(__always)
  private static func replaceTop(
    _ index: UnsafeMutablePointer<Int32>, _ distance: UnsafeMutablePointer<Float>, _ count: Int,
    _ value: Int32, _ key: Float, _ flags: UnsafeMutablePointer<Bool>?, _ flag: Bool
  ) {
    index[0] = value
    distance[0] = key
    flags?[0] = flag
    siftDown(index, distance, count, 0, flags)
  }

  @inline(__always)
  private static func siftDown(
    _ index: UnsafeMutablePointer<Int32>, _ distance: UnsafeMutablePointer<Float>, _ count: Int,
    _ start: Int, _ flags: UnsafeMutablePointer<Bool>?
  ) {
    var i = start
    while true {
      let l = 2 * i + 1
      if l >= count { break }
      var c = l
      if l + 1 < count && distance[l + 1] > distance[l] { c = l + 1 }
      if distance[c] <= distance[i] { break }
      distance.swapAt(i, c)
      index.swapAt(i, c)
      if let flags { flags.swapAt(i, c) }
      i = c
    }
  }
}

extension UnsafeMutablePointer {
  @inline(__always)
  fileprivate func swapAt(_ a: Int, _ b: Int) {
    let t = self[a]
    self[a] = self[b]
    self[b] = t
  }
}
