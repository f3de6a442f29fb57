/// The texts that start with each of many prefixes, found in one pass: each
/// text walks a trie of the prefixes' bytes as far as it goes, and belongs
/// to every prefix whose end it passes. The same sets as comparing each
/// prefix with each text's first bytes, in one walk instead of one per
/// prefix.
public struct PrefixMembers {
  /// Trie nodes: the children of node `n` are `children[childStart[n] ..<
  /// childStart[n + 1]]`, sorted by byte; `ending[n]` is the prefix ending
  /// there, or -1.
  private var childStart: [Int] = []
  private var children: [(byte: UInt8, node: Int)] = []
  private var ending: [Int] = []
  private let prefixCount: Int

  /// For `prefixes` (distinct, UTF-8 bytes of each).
  public init(prefixes: [[UInt8]]) {
    prefixCount = prefixes.count
    // A dictionary of children per node first, then laid flat.
    var edges: [[UInt8: Int]] = [[:]]
    var ends: [Int] = [-1]
    for (index, prefix) in prefixes.enumerated() {
      var node = 0
      for byte in prefix {
        if let next = edges[node][byte] {
          node = next
        } else {
          edges.append([:])
          ends.append(-1)
          edges[node][byte] = edges.count - 1
          node = edges.count - 1
        }
      }
      ends[node] = index
    }
    for node in edges.indices {
      childStart.append(children.count)
      children += edges[node].sorted { $0.key < $1.key }.map { (byte: $0.key, node: $0.value) }
    }
    childStart.append(children.count)
    ending = ends
  }

  /// Per prefix, the rows of `among` whose text in `column` starts with it.
  public func members(in column: TextColumn, among rows: InstanceSet) -> [InstanceSet] {
    var sets = [InstanceSet](repeating: InstanceSet(capacity: rows.capacity), count: prefixCount)
    let empty = ending.first ?? -1
    column.utf8.withUnsafeBufferPointer { bytes in
      rows.forEachRow { row in
        if empty >= 0 { sets[empty].insert(row) }
        var node = 0
        for offset in column.offsets[row] ..< column.offsets[row + 1] {
          guard let next = child(of: node, byte: bytes[offset]) else { break }
          node = next
          if ending[node] >= 0 { sets[ending[node]].insert(row) }
        }
      }
    }
    return sets
  }

  @inline(__always)
  private func child(of node: Int, byte: UInt8) -> Int? {
    for index in childStart[node] ..< childStart[node + 1] where children[index].byte == byte {
      return children[index].node
    }
    return nil
  }
}
