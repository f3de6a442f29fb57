@testable import ActivisCore
import ActivisTestSupport
import Testing

/// The cells a statistics pass splits instances into, and the pass itself
/// across many windows of rows and with groups left out of the partition,
/// against plain loops.
@Suite struct StatisticsPartitionTests {
  /// Classes (disjoint, covering all rows but the last ten) and random
  /// overlapping subsets of different sizes.
  static func groups(rows: Int, classes: Int, subsets: Int, seed: UInt64) -> [[Int]] {
    var random = SplitMix64(seed: seed)
    var members = [[Int]](repeating: [], count: classes + subsets)
    for row in 0 ..< rows - 10 { members[Int(random.next() % UInt64(classes))].append(row) }
    for s in 0 ..< subsets {
      let percent = UInt64(1 + s * 13 % 60)
      for row in 0 ..< rows where random.next() % 100 < percent { members[classes + s].append(row) }
    }
    return members
  }

  @Test(arguments: [1000, 24, 6, 1])
  func cellsHoldRowsOfOneMembership(maximumCells: Int) {
    let rows = 3000
    let members = Self.groups(rows: rows, classes: 6, subsets: 5, seed: 7)
    let sets = members.map { InstanceSet(capacity: rows, rows: $0) }
    let partition = RowPartition(groups: sets, rowCount: rows, maximumCells: maximumCells)
    #expect(partition.cellGroups.count <= maximumCells)
    let separate = Set(partition.separateGroups)
    // Each row's partitioned groups, by a plain loop over the member lists.
    var membership = [[Int]](repeating: [], count: rows)
    for (g, list) in members.enumerated() where !separate.contains(g) {
      for row in list { membership[row].append(g) }
    }
    for row in 0 ..< rows {
      #expect(partition.cellGroups[Int(partition.cellOfRow[row])] == membership[row], "row \(row)")
    }
    // No two cells share a membership, so no cell is split needlessly.
    #expect(Set(partition.cellGroups).count == partition.cellGroups.count)
    if maximumCells >= 1000 { #expect(separate.isEmpty) }
  }

  @Test func emptyGroupsAreNeitherCellsNorSeparate() {
    let sets = [InstanceSet(capacity: 50), InstanceSet.all(50), InstanceSet(capacity: 50, rows: [3, 4])]
    let partition = RowPartition(groups: sets, rowCount: 50, maximumCells: 10)
    #expect(partition.separateGroups.isEmpty)
    #expect(Set(partition.cellGroups) == [[1], [1, 2]])
  }

  @Test(arguments: [ScalarType.float32, .float16], [nil, 3])
  func manyWindowsAndSeparateGroupsMatchPlainLoops(dtype: ScalarType, maximumCells: Int?) throws {
    let rows = 5000, columns = 19
    let values = StatisticsKernelTests.randomRows(rows, columns, seed: 21, offset: 40)
    let (bundle, matrix) = try StatisticsKernelTests.open(values, dtype: dtype, shards: 3)
    defer { bundle.remove() }
    let stored = values.map { row in row.map { dtype == .float16 ? Float(Float16($0)) : $0 } }
    var members = Self.groups(rows: rows, classes: 4, subsets: 4, seed: 3)
    members.append([17])
    members.append([])
    let sets = members.map { InstanceSet(capacity: rows, rows: $0) }
    var options = ActivationStatistics.Options(countNonPositive: true, threads: 2)
    options.windowBytes = 1  // 32-row windows: rare cells wait across window ends
    options.maximumCells = maximumCells
    let results = try ActivationStatistics.compute(matrix, groups: sets, options: options)
    #expect(results.map(\.count) == members.map(\.count))
    for (statistics, list) in zip(results, members) where !list.isEmpty {
      let expected = StatisticsKernelTests.expected(stored, members: list, columns: columns)
      StatisticsKernelTests.check(statistics, expected, tolerance: 2e-6)
      for j in 0 ..< columns {
        #expect(abs(Double(statistics.nonPositiveFraction?[j] ?? -1) - expected.nonPositive[j]) < 1e-6)
      }
    }
    #expect(results.last?.count == 0 && results.last?.mean.allSatisfy(\.isNaN) == true)
  }

  @Test func nonFiniteValueInOneCellIsRecountedForEveryGroupOfIt() throws {
    var values = StatisticsKernelTests.randomRows(300, 3, seed: 8)
    values[10][1] = .nan
    values[11][2] = .infinity
    let (bundle, matrix) = try StatisticsKernelTests.open(values, dtype: .float32)
    defer { bundle.remove() }
    let even = Array(stride(from: 0, to: 300, by: 2)), low = Array(0 ..< 100)
    let sets = [InstanceSet(capacity: 300, rows: even), InstanceSet(capacity: 300, rows: low), .all(300)]
    var options = ActivationStatistics.Options(threads: 2)
    options.windowBytes = 1
    let results = try ActivationStatistics.compute(matrix, groups: sets, options: options)
    for (statistics, list) in zip(results, [even, low, Array(0 ..< 300)]) {
      StatisticsKernelTests.check(statistics, StatisticsKernelTests.expected(values, members: list, columns: 3),
                                  tolerance: 2e-6)
    }
    #expect(results[0].nonFiniteCounts == [0, 1, 0])
    #expect(results[1].nonFiniteCounts == [0, 1, 1])
    #expect(results[2].nonFiniteCounts == [0, 1, 1])
  }
}
