import ActivisCore
import Testing

@Suite struct AnalysisOrderingTests {
  @Test func descendingPutsNaNLastAndBreaksTiesByIndex() {
    #expect(NeuronOrdering.descending([0, 1, 2, 3, 4], by: [1, .nan, 3, 1, 2]) == [2, 4, 0, 3, 1])
  }

  @Test func varianceAcrossRows() {
    // Column 1 varies most (0 vs 10), column 0 not at all.
    let rows: [[Float]] = [[1, 0, 2], [1, 10, 4]]
    #expect(NeuronOrdering.byVariance([0, 1, 2], rows: rows) == [1, 2, 0])
  }

  @Test func seriationChainsSimilarColumns() {
    // Columns 0 and 2 share a profile, as do 1 and 3.
    let rows: [[Float]] = [[5, 0, 5.1, 0.1], [0, 5, 0.1, 5.2]]
    let order = NeuronOrdering.seriated([0, 1, 2, 3], rows: rows)
    #expect(Set(order) == [0, 1, 2, 3])
    let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    #expect(abs(position[0]! - position[2]!) == 1)
    #expect(abs(position[1]! - position[3]!) == 1)
  }

  @Test func separationIsBetweenClassShareOfVariance() {
    // Two classes of two instances: values 0,0 and 2,2 → all variance between classes.
    let overall = RowStatistics(count: 4, mean: [1, 1], standardDeviation: [1, 1], minimum: [0, 0], maximum: [2, 2])
    let a = RowStatistics(count: 2, mean: [0, 1], standardDeviation: [0, 1], minimum: [0, 0], maximum: [0, 2])
    let b = RowStatistics(count: 2, mean: [2, 1], standardDeviation: [0, 1], minimum: [2, 0], maximum: [2, 2])
    let separation = NeuronOrdering.separation(overall: overall, classes: [a, b])
    #expect(separation == [1, 0])
  }

  @Test func contrastRanksByAbsoluteDifference() {
    let entries = NeuronContrast.rank(means: [[0, 1, 5, .nan], [3, 1, 4, 0]], top: 2)
    #expect(entries.map(\.neuron) == [0, 2])
    #expect(entries.map(\.difference) == [3, -1])
    let spread = NeuronContrast.rank(means: [[0, 1], [3, 1], [1, 2]], top: 5)
    #expect(spread.map(\.neuron) == [0, 1])
    #expect(spread.map(\.difference) == [3, 1])
  }

  @Test func confusionCountsAndAccuracy() {
    let confusion = Confusion(classes: ["A", "B", "C"], labels: [0, 0, 1, 2, 2, -1], predicted: [0, 1, 1, 2, 0, 0])
    #expect(confusion.counts == [[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    #expect(confusion.labelled == 5)
    #expect(confusion.correct == 3)
    #expect(confusion.accuracy == 0.6)
    #expect(confusion.recall(0) == 0.5)
  }
}
