import ActivisCore

extension Evaluator {
  /// `instances [<class>]`: per true class, the correctly classified
  /// instances (by score, highest first) and the misclassified ones with the
  /// class each was mistaken for.
  func instancePanel(_ className: Located<String>?, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let instances = bundle.instances
    guard let labels = instances.labels else {
      throw Diagnostic.error(Messages.panelNeedsLabels, at: range)
    }
    guard let predicted = instances.predicted else {
      throw Diagnostic.error(Messages.panelNeedsPredictions, at: range)
    }
    var classes = Array(bundle.classes.indices)
    if let className {
      guard let index = bundle.classIndex(className.value) else {
        throw Diagnostic.unknownName("class", className.value, among: bundle.classes, at: className.range)
      }
      classes = [index]
    }
    let scores = bundle.classes.map { instances.scoreColumn(forClass: $0)?.values }
    func entry(_ row: Int) -> InstancePanel.Entry {
      let prediction = Int(predicted[row])
      return InstancePanel.Entry(id: instances.ids[row], predicted: prediction, score: scores[prediction]?[row])
    }
    func byScore(_ a: InstancePanel.Entry, _ b: InstancePanel.Entry) -> Bool {
      switch (a.score, b.score) {
      case let (x?, y?) where x != y && !x.isNaN && !y.isNaN: x > y
      default: a.id < b.id
      }
    }
    let groups = classes.map { label -> InstancePanel.Group in
      var correct: [Int] = []
      var wrong: [[Int]] = Array(repeating: [], count: bundle.classes.count)
      workspace.classMembers[label].forEachRow { row in
        guard predicted[row] >= 0 else { return }
        if predicted[row] == labels[row] { correct.append(row) } else { wrong[Int(predicted[row])].append(row) }
      }
      // Correct ones by the score of their class; misclassified ones by the class they
      // were mistaken for, then by its score.
      func ordered(_ rows: [Int]) -> [InstancePanel.Entry] {
        let scoreColumn = rows.first.flatMap { scores[Int(predicted[$0])] }
        return ScoreOrder.sorted(rows, scores: scoreColumn, ids: instances.ids) { byScore(entry($0), entry($1)) }
          .map(entry)
      }
      return InstancePanel.Group(label: label, correct: ordered(correct), misclassified: wrong.flatMap(ordered))
    }
    let notes = sampleNote("listed", in: bundle).map { [$0] } ?? []
    return .instancePanel(InstancePanel(classes: bundle.classes, groups: groups, notes: notes))
  }

  /// `show #38`: one instance's text, label, prediction, scores, attributes
  /// and its strongest neurons in the selected layer.
  func show(_ id: Located<Int64>) throws -> CommandResult {
    let bundle = try requireBundle(at: id.range)
    let row = try instanceRow(id, in: bundle)
    let instances = bundle.instances
    func className(_ index: Int32?) -> Cell {
      guard let index, index >= 0 else { return .missing }
      return .text(bundle.classes[Int(index)])
    }
    var rows: [[Cell]] = [[.text("id"), .integer(instances.ids[row])]]
    if let text = instances.text { rows.append([.text("text"), .text(text.string(at: row))]) }
    if let labels = instances.labels { rows.append([.text("label"), className(labels[row])]) }
    if let predicted = instances.predicted { rows.append([.text("predicted"), className(predicted[row])]) }
    if let labels = instances.labels, let predicted = instances.predicted, labels[row] >= 0, predicted[row] >= 0 {
      rows.append([.text("correct"), .text(labels[row] == predicted[row] ? "yes" : "no")])
    }
    for score in instances.scores { rows.append([.text("score:\(score.className)"), .float(score.values[row])]) }
    for attribute in instances.attributes {
      switch attribute.values {
      case .numeric(let values):
        rows.append([.text(attribute.name), values[row].isNaN ? .missing : .double(values[row])])
      case .categorical(let codes, let categories):
        rows.append([.text(attribute.name), codes[row] >= 0 ? .text(categories[Int(codes[row])]) : .missing])
      }
    }
    var notes: [String] = []
    if let layer = session.layer {
      let values = layer.matrix.row(row)
      let strongest = NeuronOrdering.descending(Array(values.indices), by: values).prefix(5)
      for j in strongest {
        rows.append([.text("\(layer.name) \(layer.neuronNames[j])"), .float(values[j])])
      }
      notes.append(strongest.isEmpty
        ? "layer \(layer.name) has no neurons"
        : strongest.count == 1 ? "the neuron of layer \(layer.name) is listed last"
        : "the \(strongest.count) strongest neurons of layer \(layer.name) are listed last")
    } else {
      notes.append("select a layer to see this instance's strongest neurons")
    }
    return .table(ResultTable(columns: ["field", "value"], rows: rows, notes: notes))
  }
}
