import ActivisCore

extension Evaluator {
  /// `confusion [of S]`: true classes down, predicted classes across, with
  /// each class's recall and precision and the accuracy under the table.
  func confusion(of scope: Located<String>?, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    guard let labels = bundle.instances.labels else { throw Diagnostic.error(Messages.noColumn("label"), at: range) }
    guard let predicted = bundle.instances.predicted else {
      throw Diagnostic.error(Messages.noColumn("predicted"), at: range)
    }
    let members = try scope.map { try PredicateEvaluator(workspace: workspace).members(of: $0) }
    let confusion = Confusion(classes: bundle.classes, labels: labels, predicted: predicted, members: members)
    let rows: [[Cell]] = bundle.classes.indices.map { label in
      [.text(bundle.classes[label])] + confusion.counts[label].map { .int($0) }
    }
    func percent(_ value: Double?) -> String { value.map { formatPercent($0 * 100) } ?? "–" }
    let among = scope.map { "of '\($0.value)'" } ?? "of the bundle"
    let total = members?.count ?? bundle.instances.count
    var notes = ["true class down, predicted class across; 'subset <name> = where label = A and predicted = B' "
      + "makes a cell a subset"]
    notes.append("recall: " + bundle.classes.indices.map { "\(bundle.classes[$0]) \(percent(confusion.recall($0)))" }
      .joined(separator: ", "))
    notes.append("precision: "
      + bundle.classes.indices.map { "\(bundle.classes[$0]) \(percent(confusion.precision($0)))" }.joined(separator: ", "))
    if let accuracy = confusion.accuracy {
      notes.append("accuracy \(formatPercent(accuracy * 100)) (\(confusion.correct) of \(confusion.labelled) "
        + "instances \(among))")
    } else {
      notes.append("no instance \(among) has both a label and a prediction")
    }
    if confusion.labelled < total {
      notes.append("\(total - confusion.labelled) of \(total) without a label or a prediction are left out")
    }
    if let note = sampleNote("counted", in: bundle) { notes.append(note) }
    let heatmap = Heatmap(title: "confusion matrix \(among)", rowTitle: "true class", columnTitle: "predicted class",
                          rowLabels: bundle.classes, columnLabels: bundle.classes, counts: confusion.counts)
    return .table(ResultTable(columns: ["label"] + bundle.classes, rows: rows, notes: notes, heatmap: heatmap))
  }
}
