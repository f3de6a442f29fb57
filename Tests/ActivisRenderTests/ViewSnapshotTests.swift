import ActivisCore
import SnapshotTesting
import Testing
@testable import ActivisRender

/// Reviewed pictures of every view, text and SVG: the matrix, the instance
/// panel, the scatter plot and the graph. A change to a view shows up as a
/// diff of the stored file under `__Snapshots__/ViewSnapshotTests/`; when the
/// change is wanted, delete the file, run the suite once to write it anew,
/// and review it (`rsvg-convert` draws an SVG as PNG) before committing.
/// The content checks of each renderer stay in their own suites.
@Suite struct ViewSnapshotTests {
  @Test func matrixText() {
    assertSnapshot(of: MatrixTextRenderer.render(PictureFixtures.matrix(neurons: 40), width: 100), as: .lines)
  }

  @Test func matrixSVG() {
    assertSnapshot(of: MatrixSVGRenderer.render(PictureFixtures.matrix(neurons: 40, instanceLow: -1)), as: .lines)
  }

  @Test func instancePanelText() {
    let panel = PictureFixtures.panel(correct: [3, 8, 1, 5, 0, 12], wrong: [1, 2, 0, 4, 3, 1])
    assertSnapshot(of: InstancePanelTextRenderer.render(panel, width: 100), as: .lines)
  }

  @Test func instancePanelSVG() {
    let panel = PictureFixtures.panel(correct: [3, 8, 1, 5, 0, 12], wrong: [1, 2, 0, 4, 3, 1])
    assertSnapshot(of: InstancePanelSVGRenderer.render(panel), as: .lines)
  }

  @Test func scatterText() {
    assertSnapshot(of: ScatterPlotTextRenderer.render(PictureFixtures.projection(highlighted: [3]), width: 80,
                                                      useColor: false), as: .lines)
  }

  @Test func scatterSVG() {
    assertSnapshot(of: ScatterPlotSVGRenderer.render(PictureFixtures.projection(highlighted: [3])), as: .lines)
  }

  @Test func graphText() throws {
    let layout = GraphLayout.layout(GraphView(graph: try GraphTestSupport.fixture("word-cnn")))
    assertSnapshot(of: GraphTextRenderer.render(layout, width: 100, useColor: false), as: .lines)
  }

  @Test func graphSVG() throws {
    let layout = GraphLayout.layout(GraphView(graph: try GraphTestSupport.fixture("word-cnn")), metrics: .svg)
    assertSnapshot(of: GraphSVGRenderer.render(layout), as: .lines)
  }
}
