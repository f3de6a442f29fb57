@testable import ActivisCore
import ActivisTestSupport
import Testing

/// The statistics pass across chunks, threads and many windows of rows,
/// against plain loops; and a group's numbers independent of the others.
@Suite struct StatisticsPassTests {
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

  @Test(arguments: [0, 1, 4095, 8192, 70_001, 1_000_000])
  func chunksCoverTheRowsInOrder(rows: Int) {
    let chunks = ActivationStatistics.chunks(rowCount: rows)
    #expect(chunks.count >= 1 && chunks.count <= 16)
    #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == rows)
    for (a, b) in zip(chunks, chunks.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
    if chunks.count > 1 { #expect(chunks.allSatisfy { $0.count >= 4096 }) }
    #expect(ActivationStatistics.chunks(rowCount: 1_000_000).count == 16)
  }

  @Test(arguments: [ScalarType.float32, .float16], [1, 3])
  func manyWindowsAndChunksMatchPlainLoops(dtype: ScalarType, threads: Int) throws {
    let rows = 9000, columns = 19
    let values = StatisticsKernelTests.randomRows(rows, columns, seed: 21, offset: 40)
    let (bundle, matrix) = try StatisticsKernelTests.open(values, dtype: dtype, shards: 3)
    defer { bundle.remove() }
    let stored = values.map { row in row.map { dtype == .float16 ? Float(Float16($0)) : $0 } }
    var members = Self.groups(rows: rows, classes: 4, subsets: 4, seed: 3)
    members.append([17])
    // Runs across window ends, and rows too sparse for a window to be read whole.
    members.append(Array(100 ..< 140) + Array(190 ..< 260) + [8999])
    members.append(Array(stride(from: 3, to: rows, by: 50)))
    members.append([])
    let sets = members.map { InstanceSet(capacity: rows, rows: $0) }
    var options = ActivationStatistics.Options(countNonPositive: true, threads: threads)
    options.windowBytes = 1  // 32-row windows: rows of rare groups wait across window ends
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
    // Alone, a sparse group's windows are read in part (converted rows): the same numbers.
    for (g, set) in sets.enumerated() where !members[g].isEmpty {
      let alone = try ActivationStatistics.compute(matrix, groups: [set], options: options)[0]
      #expect(alone.mean == results[g].mean && alone.standardDeviation == results[g].standardDeviation)
      #expect(alone.minimum == results[g].minimum && alone.maximum == results[g].maximum)
    }
  }

  /// A group's numbers are the same bytes computed alone on one thread, or
  /// with other groups on three.
  @Test func aGroupsNumbersDependOnItsMembersAlone() throws {
    let rows = 20_000, columns = 7
    let values = StatisticsKernelTests.randomRows(rows, columns, seed: 5, offset: 3)
    let (bundle, matrix) = try StatisticsKernelTests.open(values, dtype: .float32)
    defer { bundle.remove() }
    let sets = Self.groups(rows: rows, classes: 3, subsets: 3, seed: 11).map { InstanceSet(capacity: rows, rows: $0) }
    let together = try ActivationStatistics.compute(matrix, groups: sets, options: .init(threads: 3))
    for (g, set) in sets.enumerated() {
      let alone = try ActivationStatistics.compute(matrix, groups: [set], options: .init(threads: 1))[0]
      #expect(alone.mean == together[g].mean && alone.standardDeviation == together[g].standardDeviation)
      #expect(alone.minimum == together[g].minimum && alone.maximum == together[g].maximum)
    }
  }

  @Test func nonFiniteValueIsRecountedForEveryGroupOfIt() throws {
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
