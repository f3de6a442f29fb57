/// The instances of a statistics pass split into disjoint *cells* by the
/// groups they belong to, so that the pass adds each instance once, to its
/// cell, however many groups contain it; a group's statistics are then the
/// merge of its cells'.
///
/// Six classes and two subsets, for example, give at most 6 × 2 × 2 = 24
/// cells, and an instance that is in its class and both subsets costs one
/// addition instead of three. The number of cells is bounded: a group that
/// would split too many of them stays out of the partition and is
/// *separate*, added to row by row (small groups, taken last, are the ones
/// that end up separate).
struct RowPartition {
  /// Each row's cell (an index into `cellGroups`).
  let cellOfRow: [UInt16]
  /// The groups every instance of a cell belongs to, ascending; empty for the
  /// cell of rows in no partitioned group.
  let cellGroups: [[Int]]
  /// Groups outside the partition, ascending.
  let separateGroups: [Int]

  /// Splits `0 ..< rowCount` by `groups`, into at most `maximumCells` cells.
  ///
  /// - Complexity: O(rowCount + Σ |group|) with a few passes over each group.
  init(groups: [InstanceSet], rowCount: Int, maximumCells: Int) {
    let limit = Swift.max(1, Swift.min(maximumCells, Int(UInt16.max)))
    var cellOfRow = [UInt16](repeating: 0, count: rowCount)
    var cellGroups: [[Int]] = [[]]
    var cellSizes = [rowCount]
    var separate: [Int] = []
    let sizes = groups.map(\.count)
    let largestFirst = groups.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    for g in largestFirst where sizes[g] > 0 {
      var hits = [Int](repeating: 0, count: cellGroups.count)
      groups[g].forEachRow { hits[Int(cellOfRow[$0])] += 1 }
      let splits = hits.indices.filter { hits[$0] > 0 && hits[$0] < cellSizes[$0] }.count
      guard cellGroups.count + splits <= limit else {
        separate.append(g)
        continue
      }
      // A cell wholly inside the group keeps its index; one partly inside
      // gives its rows in the group to a new cell.
      var target = [UInt16](repeating: 0, count: cellGroups.count)
      for cell in hits.indices where hits[cell] > 0 {
        if hits[cell] == cellSizes[cell] {
          target[cell] = UInt16(cell)
          cellGroups[cell].append(g)
        } else {
          target[cell] = UInt16(cellGroups.count)
          cellGroups.append(cellGroups[cell] + [g])
          cellSizes.append(hits[cell])
          cellSizes[cell] -= hits[cell]
        }
      }
      groups[g].forEachRow { cellOfRow[$0] = target[Int(cellOfRow[$0])] }
    }
    self.cellOfRow = cellOfRow
    self.cellGroups = cellGroups.map { $0.sorted() }
    self.separateGroups = separate.sorted()
  }

  /// The groups of each accumulation slot: the cells, then one slot per
  /// separate group.
  var slotGroups: [[Int]] { cellGroups + separateGroups.map { [$0] } }
}
