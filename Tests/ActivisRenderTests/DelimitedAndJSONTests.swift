import ActivisCore
import ActivisRender
import Testing

@Suite struct DelimitedAndJSONTests {
  static let statistics = RowStatistics(
    count: 3, mean: [0.1, -2, .nan], standardDeviation: [0, 1, .nan], minimum: [0, -3, .nan], maximum: [1, -1, .nan])
  static let matrix = MatrixResult(
    layer: "fc", neuronNames: ["a", "b", "c,d"], columns: [0, 1, 2],
    rows: [.init(label: "NUM", kind: .class, statistics: statistics)], order: .stored)

  @Test func matrixCSVHasTheFixedShape() {
    let csv = DelimitedWriter.csv.render(.matrix(Self.matrix))
    #expect(csv == "row,size,a,b,\"c,d\"\nNUM,3,0.1,-2,nan\n")
  }

  @Test func floatsReadBackExactly() {
    for value: Float in [0.1, 1e-5, 3.4028235e38, 1.1754944e-38, -0.333333343, 16777216] {
      #expect(Float(NumberText.exact(value)) == value, "\(value)")
    }
    #expect(NumberText.exact(Float(3)) == "3")
  }

  @Test func csvQuotesAndTSVFlattens() {
    let table = ResultTable(columns: ["id", "text"], rows: [[.int(1), .text("say \"hi\", then\nleave")], [.int(2), .missing]])
    #expect(DelimitedWriter.csv.render(.table(table)) == "id,text\n1,\"say \"\"hi\"\", then\nleave\"\n2,\n")
    #expect(DelimitedWriter.tsv.render(.table(table)) == "id\ttext\n1\tsay \"hi\", then leave\n2\t\n")
  }

  @Test func matrixJSONCarriesEveryStatistic() {
    let json = JSONWriter.render(.matrix(Self.matrix))
    #expect(json == """
      {"layer":"fc","neurons":["a","b","c,d"],"order":{"by":"stored"},"rows":[{"row":"NUM","kind":"class","size":3,\
      "mean":[0.1,-2,null],"std":[0,1,null],"min":[0,-3,null],"max":[1,-1,null]}]}

      """)
  }

  @Test func tableJSONIsAnArrayOfObjects() {
    let table = ResultTable(columns: ["name", "size"], rows: [[.text("a\"b"), .int(2)], [.text("c"), .missing]])
    #expect(JSONWriter.render(.table(table)) == "[{\"name\":\"a\\\"b\",\"size\":2},{\"name\":\"c\",\"size\":null}]\n")
  }

  @Test func messagesPrintOnlyAsTables() {
    #expect(ResultRenderer.render(.message("s1: 3 instances"), options: .init(format: .csv)) == nil)
    #expect(ResultRenderer.render(.message("s1: 3 instances"), options: .init(format: .table)) == "s1: 3 instances\n")
  }

  @Test func panelCSV() {
    let panel = InstancePanel(classes: ["A", "B"], groups: [
      .init(label: 0, correct: [.init(id: 3, predicted: 0, score: 0.9)], misclassified: [.init(id: 5, predicted: 1, score: nil)]),
    ])
    #expect(DelimitedWriter.csv.render(.instancePanel(panel)) == "label,id,predicted,correct,score\nA,3,A,true,0.9\nA,5,B,false,\n")
  }
}
