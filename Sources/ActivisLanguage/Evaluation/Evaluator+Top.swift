import ActivisCore

extension Evaluator {
  /// `top N for neuron K [lowest] [of S]`: the instances where neuron K of
  /// the selected layer is strongest (or weakest), among all instances or
  /// the members of a subset or class.
  func topInstances(_ count: Located<Int>, neuron: Located<String>, lowest: Bool, of scope: Located<String>?,
                    at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    let bundle = workspace.bundle
    let layer = try workspace.requireLayer(at: range)
    let reference: NeuronReference = Int(neuron.value).map { .index($0) } ?? .name(neuron.value)
    let index = try PredicateEvaluator.neuronIndex(Located(reference, neuron.range), in: layer)
    let members = try scope.map { try PredicateEvaluator(workspace: workspace).members(of: $0) }
      ?? .all(bundle.instances.count)
    let values = try layer.matrix.column(index)
    let rows = InstanceRanking.top(count.value, of: values, members: members, lowest: lowest)
    let table = Self.instanceRows(rows, in: bundle) { .float(values[$0]) }
    let among = scope.map { "'\($0.value)'" } ?? "all instances"
    var notes = ["neuron \(layer.neuronNames[index]) of layer \(layer.name), \(lowest ? "lowest" : "highest") first, "
      + "among \(among) (\(members.count)); ties in row order"]
    var missing = 0
    members.forEachRow { if values[$0].isNaN { missing += 1 } }
    if missing > 0 { notes.append("\(missing) NaN \(missing == 1 ? "value is" : "values are") in no ranking") }
    if members.isEmpty { notes.append("\(among) has no instances") }
    if let note = sampleNote("ranked", in: bundle) { notes.append(note) }
    return .table(ResultTable(columns: ["id", "activation", "label", "predicted", "text"], rows: table, notes: notes))
  }
}
