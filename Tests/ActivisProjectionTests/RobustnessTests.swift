import Foundation
import Testing

@testable import ActivisProjection

@Suite struct RobustnessTests {
  private func options(_ body: (inout TSNEOptions) -> Void) -> TSNEOptions {
    var o = TSNEOptions()
    body(&o)
    return o
  }

  @Test func sameSeedGivesIdenticalCoordinatesWhateverTheThreads() throws {
    let m = GaussianMixture(rows: 700, dimensions: 16, clusters: 5, separation: 3, seed: 21)
    let paths: [(TSNEOptions.GradientMethod, TSNEOptions.NeighborMethod)] = [
      (.exact, .vantagePointTree), (.interpolation, .neighborDescent),
    ]
    for (method, neighbors) in paths {
      let base = options {
        $0.iterations = 120
        $0.earlyExaggerationIterations = 60
        $0.seed = 7
        $0.gradient = method
        $0.neighbors = neighbors
      }
      var single = base
      single.threads = 1
      var many = base
      many.threads = 4
      let a = try TSNE.embed(m.data, rows: m.rows, columns: m.columns, options: base)
      let b = try TSNE.embed(m.data, rows: m.rows, columns: m.columns, options: base)
      let c = try TSNE.embed(m.data, rows: m.rows, columns: m.columns, options: single)
      let d = try TSNE.embed(m.data, rows: m.rows, columns: m.columns, options: many)
      #expect(a.coordinates == b.coordinates)
      #expect(a.coordinates == c.coordinates)
      #expect(a.coordinates == d.coordinates)
      #expect(a.klDivergence == c.klDivergence)
    }
  }

  @Test func differentSeedsGiveDifferentRandomStarts() throws {
    let m = GaussianMixture(rows: 150, dimensions: 5, clusters: 3, separation: 3, seed: 22)
    var o = TSNEOptions()
    o.initialization = .random
    o.iterations = 50
    let a = try TSNE.embed(m.data, rows: m.rows, columns: m.columns, options: o)
    o.seed = 1
    let b = try TSNE.embed(m.data, rows: m.rows, columns: m.columns, options: o)
    #expect(a.coordinates != b.coordinates)
  }

  /// Counts `isCancelled` polls (from any thread); answers `true` from poll number `cancelAt`
  /// on, or once `cancel()` was called.
  final class CancellationProbe: @unchecked Sendable {
    private let lock = NSLock()
    private let cancelAt: Int
    private var polls = 0
    private var pollsAfterCancel = 0
    private var cancelled = false

    init(cancelAt: Int = .max) { self.cancelAt = cancelAt }

    func poll() -> Bool {
      lock.withLock {
        polls += 1
        if polls >= cancelAt { cancelled = true }
        if cancelled { pollsAfterCancel += 1 }
        return cancelled
      }
    }
    func cancel() { lock.withLock { cancelled = true } }
    var counts: (polls: Int, afterCancel: Int) { lock.withLock { (polls, pollsAfterCancel) } }
  }

  /// Cancelled right after the progress report of iteration 100, the optimisation stops at its
  /// next poll: no further report, and the first `true` is the only one asked for.
  @Test func cancellationStopsAtTheNextIteration() throws {
    let m = GaussianMixture(rows: 300, dimensions: 20, clusters: 5, separation: 3, seed: 23)
    var o = TSNEOptions()
    o.iterations = 100_000
    let probe = CancellationProbe()
    var reported: [Int] = []
    #expect(throws: ProjectionCancelled.self) {
      _ = try TSNE.embed(
        m.data, rows: m.rows, columns: m.columns, options: o,
        progress: { report in
          guard report.stage == .optimization else { return }
          reported.append(report.iteration)
          if report.iteration == 100 { probe.cancel() }
        },
        isCancelled: probe.poll)
    }
    #expect(reported == [50, 100])
    #expect(probe.counts.afterCancel == 1)
  }

  /// Every neighbour search polls for cancellation while it runs: with no iterations, `embed`
  /// polls 3 times after the search (4 after building a vantage-point tree); the rest are the
  /// search's own. Cancelled at its fifth poll, inside the search, `embed` throws at once.
  @Test(arguments: [TSNEOptions.NeighborMethod.exact, .vantagePointTree, .bruteForce, .neighborDescent])
  func cancellationDuringAffinities(neighbors: TSNEOptions.NeighborMethod) throws {
    let m = GaussianMixture(rows: 2000, dimensions: 10, clusters: 4, separation: 3, seed: 24)
    var o = TSNEOptions()
    o.neighbors = neighbors
    o.iterations = 0
    let counter = CancellationProbe()
    _ = try TSNE.embed(m.data, rows: m.rows, columns: m.columns, options: o, isCancelled: counter.poll)
    let polls = counter.counts.polls
    #expect(polls >= 20, "\(polls) polls")

    let probe = CancellationProbe(cancelAt: 5)
    #expect(throws: ProjectionCancelled.self) {
      _ = try TSNE.embed(m.data, rows: m.rows, columns: m.columns, options: o, isCancelled: probe.poll)
    }
    #expect(probe.counts.polls < polls - 4, "stopped inside the search: \(probe.counts.polls) of \(polls) polls")
  }

  @Test func nonFiniteRowsAreRefusedAndCounted() throws {
    var m = GaussianMixture(rows: 100, dimensions: 4, clusters: 2, separation: 3, seed: 25)
    m.data[5 * 4 + 1] = .nan
    m.data[9 * 4 + 0] = .infinity
    m.data[9 * 4 + 3] = -.infinity
    #expect(throws: ProjectionInputError.nonFiniteValues(rows: 2, firstRow: 5)) {
      _ = try TSNE.embed(m.data, rows: m.rows, columns: m.columns)
    }
    #expect(throws: ProjectionInputError.nonFiniteValues(rows: 2, firstRow: 5)) {
      _ = try PCA.project(m.data, rows: m.rows, columns: m.columns)
    }
    let kept = m.data.withUnsafeBufferPointer {
      ProjectionInput.finiteRows($0, rows: m.rows, columns: m.columns)
    }
    #expect(kept.count == 98 && !kept.contains(5) && !kept.contains(9))
  }

  @Test func badShapesAndOptionsAreRefused() throws {
    #expect(throws: ProjectionInputError.shapeMismatch(count: 5, rows: 2, columns: 3)) {
      _ = try TSNE.embed([1, 2, 3, 4, 5], rows: 2, columns: 3)
    }
    #expect(throws: ProjectionInputError.tooFewRows(rows: 3, minimum: 4)) {
      _ = try TSNE.embed([Float](repeating: 1, count: 6), rows: 3, columns: 2)
    }
    var o = TSNEOptions()
    o.perplexity = 0
    #expect(throws: ProjectionInputError.self) {
      _ = try TSNE.embed([Float](repeating: 1, count: 20), rows: 10, columns: 2, options: o)
    }
  }

  @Test func smallInputsLowerThePerplexity() throws {
    let m = GaussianMixture(rows: 20, dimensions: 3, clusters: 2, separation: 5, seed: 26)
    let result = try TSNE.embed(m.data, rows: m.rows, columns: m.columns)
    #expect(result.coordinates.allSatisfy { $0.isFinite })
  }
}
