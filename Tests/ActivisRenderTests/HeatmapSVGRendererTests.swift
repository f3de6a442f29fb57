import ActivisCore
import SnapshotTesting
import Testing
@testable import ActivisRender

/// The confusion matrix as SVG: one shaded cell per count, written in it, with a tooltip;
/// the largest count the darkest; reviewed as a snapshot too.
@Suite struct HeatmapSVGRendererTests {
  static let heatmap = Heatmap(title: "confusion matrix of the bundle", rowTitle: "true class",
                               columnTitle: "predicted class", rowLabels: ["A", "B", "LONGNAME"],
                               columnLabels: ["A", "B", "LONGNAME"], counts: [[9, 0, 1], [2, 40, 0], [0, 5, 12]])

  @Test func everyCellIsDrawnWithItsCount() throws {
    let svg = SVGReader(HeatmapSVGRenderer.render(Self.heatmap))
    #expect(svg.error == nil)
    let cells = svg.all("rect").filter { $0.title?.contains(" · ") == true }
    #expect(cells.count == 9)
    for (i, row) in Self.heatmap.counts.enumerated() {
      for (j, count) in row.enumerated() {
        let tip = "true class \(Self.heatmap.rowLabels[i]) · predicted class \(Self.heatmap.columnLabels[j]) · \(count)"
        #expect(cells.contains { $0.title == tip }, "\(tip)")
      }
    }
    #expect(svg.texts.filter { Int($0) != nil }.sorted() == ["0", "0", "0", "1", "12", "2", "40", "5", "9"])
    // White for 0, the darkest fill for the largest count (40).
    let zero = try #require(cells.first { $0.title?.hasSuffix("· 0") == true })
    let largest = try #require(cells.first { $0.title?.hasSuffix("· 40") == true })
    #expect(zero.attributes["fill"] == "#ffffff")
    #expect(largest.attributes["fill"] != "#ffffff" && largest.attributes["fill"] != zero.attributes["fill"])
  }

  @Test func snapshot() {
    assertSnapshot(of: HeatmapSVGRenderer.render(Self.heatmap), as: .lines)
  }
}
