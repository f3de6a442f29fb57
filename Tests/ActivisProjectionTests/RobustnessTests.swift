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

  @Test func cancellationStopsPromptly() throws {
    let m = GaussianMixture(rows: 3000, dimensions: 20, clusters: 5, separation: 3, seed: 23)
    var o = TSNEOptions()
    o.iterations = 100_000
    let start = Date()
    var cancelledAt: Date?
    #expect(throws: ProjectionCancelled.self) {
      _ = try TSNE.embed(
        m.data, rows: m.rows, columns: m.columns, options: o,
        isCancelled: {
          if cancelledAt != nil { return true }
          if Date().timeIntervalSince(start) > 0.5 {
            cancelledAt = Date()
            return true
          }
          return false
        })
    }
    let latency = Date().timeIntervalSince(cancelledAt ?? start)
    #expect(cancelledAt != nil)
    #expect(latency < 1.0, "stopped \(latency) s after cancellation")
  }

  @Test func cancellationDuringAffinities() throws {
    let m = GaussianMixture(rows: 2000, dimensions: 10, clusters: 4, separation: 3, seed: 24)
    for neighbors in [TSNEOptions.NeighborMethod.exact, .approximate] {
      var o = TSNEOptions()
      o.neighbors = neighbors
      #expect(throws: ProjectionCancelled.self) {
        _ = try TSNE.embed(
          m.data, rows: m.rows, columns: m.columns, options: o, isCancelled: { true })
      }
    }
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
