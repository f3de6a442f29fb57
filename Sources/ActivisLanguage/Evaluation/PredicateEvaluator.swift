import ActivisCore
import Foundation

/// Turns a predicate into the set of instances that satisfy it.
///
/// Missing values (an empty CSV cell) satisfy no comparison, `!=` included,
/// as NULL does in SQL. Text tests compare UTF-8 bytes, case-sensitively.
struct PredicateEvaluator {
  let workspace: Workspace

  var bundle: ActivationBundle { workspace.bundle }
  var instances: InstanceTable { bundle.instances }

  func evaluate(_ node: PredicateNode) throws -> InstanceSet {
    switch node.predicate {
    case .and(let left, let right): return try evaluate(left).intersection(evaluate(right))
    case .or(let left, let right): return try evaluate(left).union(evaluate(right))
    case .not(let operand): return try evaluate(operand).complement()
    case .text(let test, let needle): return try text(test, needle)
    case .comparison(let field, let op, let value): return try comparison(field, op, value)
    case .score(let className, let op, let value): return try score(className, op, value)
    case .neuron(let reference, let layer, let op, let value): return try neuron(reference, in: layer, op, value)
    case .correct: return try agreement(at: node.range, correct: true)
    case .misclassified: return try agreement(at: node.range, correct: false)
    case .inSubset(let name): return try members(of: name)
    case .inFile(let path): return try members(listedIn: path)
    case .changedFrom(let path): return try changed(from: path)
    }
  }

  /// The instances whose prediction differs from the one in another bundle
  /// (by class name, matched by id); instances the other lacks are not members.
  func changed(from path: Located<String>) throws -> InstanceSet {
    let other: ActivationBundle
    do {
      other = try ActivationBundle.open(path.value)
    } catch let error as BundleError {
      throw Diagnostic.error(Messages.diffCannotOpen(Evaluator.describe(error)), at: path.range)
    }
    for (bundle, name) in [(bundle, "this bundle"), (other, path.value)] where bundle.instances.predicted == nil {
      throw Diagnostic.error(Messages.noColumn("predicted") + " in \(name)", at: path.range)
    }
    var members = InstanceSet(capacity: instances.count)
    for row in BundlePairing(instances, other.instances).changedRows(here: bundle, there: other) { members.insert(row) }
    return members
  }

  /// A subset's members, or a class's instances by true label.
  func members(of name: Located<String>) throws -> InstanceSet {
    if let subset = workspace.subset(named: name.value) { return subset.members }
    if let index = bundle.classIndex(name.value) { return workspace.classMembers[index] }
    let known = workspace.subsets.map(\.name) + bundle.classes
    throw Diagnostic.unknownName("subset or class", name.value, among: known, at: name.range)
  }

  /// The instances whose ids an id list names; every id must be in the bundle.
  func members(listedIn path: Located<String>) throws -> InstanceSet {
    let list: IDList
    do {
      list = try IDList.read(path: path.value)
    } catch let error as BundleError {
      throw Diagnostic.error(Evaluator.describe(error), at: path.range)
    }
    var members = InstanceSet(capacity: instances.count)
    var unknown: [IDList.Entry] = []
    for entry in list.entries {
      if let row = instances.row(ofID: entry.id) { members.insert(row) } else { unknown.append(entry) }
    }
    if let first = unknown.first {
      throw Diagnostic.error(Messages.listedIDNotInBundle(path.value, line: first.line, id: first.id,
                                                         others: unknown.count - 1), at: path.range)
    }
    return members
  }

  private func text(_ test: Located<TextOperator>, _ needle: Located<String>) throws -> InstanceSet {
    guard let column = instances.text else {
      throw Diagnostic.error(Messages.noColumn("text"), at: test.range)
    }
    if test.value == .matches { return try regularExpression(needle, column) }
    let pattern = Array(needle.value.utf8)
    let test = test.value
    // Every text starts with, ends with and contains the empty text.
    guard !pattern.isEmpty else { return .all(instances.count) }
    return column.utf8.withUnsafeBufferPointer { bytes in
      pattern.withUnsafeBufferPointer { pattern in
        InstanceSet(capacity: instances.count) { row in
          let start = column.offsets[row], count = column.offsets[row + 1] - start
          guard count >= pattern.count else { return false }
          guard let text = bytes.baseAddress.map({ $0 + start }), let wanted = pattern.baseAddress else {
            return false  // no text has a byte, and the pattern has one
          }
          switch test {
          case .starts: return memcmp(text, wanted, pattern.count) == 0
          case .ends: return memcmp(text + (count - pattern.count), wanted, pattern.count) == 0
          case .contains: return ByteSearch.contains(text, count: count, wanted, count: pattern.count)
          case .matches: return false
          }
        }
      }
    }
  }

  private func regularExpression(_ pattern: Located<String>, _ column: TextColumn) throws -> InstanceSet {
    let expression: NSRegularExpression
    do {
      expression = try NSRegularExpression(pattern: pattern.value)
    } catch {
      throw Diagnostic.error(Messages.invalidRegularExpression(pattern.value), at: pattern.range)
    }
    if let literals = LiteralAlternatives(pattern: pattern.value) {
      return column.utf8.withUnsafeBufferPointer { bytes in
        InstanceSet(capacity: instances.count) { row in
          let start = column.offsets[row]
          // An empty column has no bytes: only the empty alternatives match there.
          guard let base = bytes.baseAddress else { return literals.alternatives.contains { $0.bytes.isEmpty } }
          return literals.matches(base + start, count: column.offsets[row + 1] - start)
        }
      }
    }
    let bounded = BoundedRegularExpression(expression)
    let ids = instances.ids
    let prefix = RegularExpressionPrefix.required(by: pattern.value)
    // NSRegularExpression matches from several threads at once; texts without the
    // pattern's required start are no match without it.
    return try InstanceSet(capacity: instances.count, concurrentlyWhere: { row in
      guard prefix.isEmpty || column.starts(row, with: prefix) else { return false }
      switch bounded.firstMatch(in: column.string(at: row)) {
      case .matched: return true
      case .notMatched: return false
      case .interrupted: throw Interrupted()
      case .timedOut:
        throw Diagnostic.error(Messages.regularExpressionGaveUp(pattern.value, seconds: Int(bounded.secondsPerText),
                                                                id: ids[row]), at: pattern.range)
      }
    })
  }

  private func comparison(
    _ field: Located<String>, _ op: Located<ComparisonOperator>, _ value: Located<Literal>
  ) throws -> InstanceSet {
    switch field.value {
    case "label", "predicted":
      guard let classes = field.value == "label" ? instances.labels : instances.predicted else {
        throw Diagnostic.error(Messages.noColumn(field.value), at: field.range)
      }
      guard op.value == .equal || op.value == .notEqual else {
        throw Diagnostic.error(Messages.cannotCompareClasses(op.value.rawValue), at: op.range)
      }
      guard let index = bundle.classIndex(value.value.text) else {
        throw Diagnostic.unknownName("class", value.value.text, among: bundle.classes, at: value.range)
      }
      let wanted = Int32(index)
      let equal = op.value == .equal
      return InstanceSet(capacity: instances.count) { classes[$0] >= 0 && (classes[$0] == wanted) == equal }
    case "id":
      let number = try numericLiteral(value, for: field.value)
      return InstanceSet(capacity: instances.count) { Self.compare(Double(instances.ids[$0]), op.value, number) }
    case "text":
      guard let column = instances.text else {
        throw Diagnostic.error(Messages.noColumn("text"), at: field.range)
      }
      let wanted = value.value.text
      return InstanceSet(capacity: instances.count) { Self.compare(column.string(at: $0), op.value, wanted) }
    case let name where name.hasPrefix("score:") && instances.attribute(named: name) == nil:
      // The column's own name, as `info` lists it: the same as `score <class>`.
      let className = Located(String(name.dropFirst("score:".count)), field.range)
      return try score(className, op, Located(try numericLiteral(value, for: name), value.range))
    default:
      guard let attribute = instances.attribute(named: field.value) else {
        let known = ["label", "predicted", "id", "text"] + instances.attributes.map(\.name)
        throw Diagnostic.unknownName("attribute", field.value, among: known, at: field.range)
      }
      switch attribute.values {
      case .numeric(let numbers):
        let number = try numericLiteral(value, for: field.value)
        return InstanceSet(capacity: instances.count) { Self.compare(numbers[$0], op.value, number) }
      case .categorical(let codes, let categories):
        let wanted = value.value.text
        let matching = categories.map { Self.compare($0, op.value, wanted) }
        return InstanceSet(capacity: instances.count) { codes[$0] >= 0 && matching[Int(codes[$0])] }
      }
    }
  }

  private func numericLiteral(_ value: Located<Literal>, for field: String) throws -> Double {
    if case .number(let number, _) = value.value { return number }
    if let number = Double(value.value.text) { return number }
    throw Diagnostic.error(Messages.numericField(field, found: value.value.text), at: value.range)
  }

  private func score(
    _ className: Located<String>, _ op: Located<ComparisonOperator>, _ value: Located<Double>
  ) throws -> InstanceSet {
    guard let column = instances.scoreColumn(forClass: className.value) else {
      let known = instances.scores.map(\.className)
      if known.isEmpty { throw Diagnostic.error(Messages.noScoreColumns, at: className.range) }
      throw Diagnostic.unknownName("score class", className.value, among: known, at: className.range)
    }
    return InstanceSet(capacity: instances.count) { Self.compare(Double(column.values[$0]), op.value, value.value) }
  }

  /// A neuron condition in the named layer, or in the selected one.
  private func neuron(
    _ reference: Located<NeuronReference>, in layerName: Located<String>?, _ op: Located<ComparisonOperator>,
    _ value: Located<Double>
  ) throws -> InstanceSet {
    let layer = try layerName.map(workspace.requireLayer(named:)) ?? workspace.requireLayer(at: reference.range)
    let index = try Self.neuronIndex(reference, in: layer)
    let values = try layer.matrix.column(index)
    return InstanceSet(capacity: instances.count) { Self.compare(Double(values[$0]), op.value, value.value) }
  }

  /// The column of a neuron given by index or name.
  static func neuronIndex(_ reference: Located<NeuronReference>, in layer: Layer) throws -> Int {
    switch reference.value {
    case .index(let index):
      guard index >= 0 && index < layer.matrix.columnCount else {
        throw Diagnostic.error(Messages.noSuchNeuron(index, layer: layer.name, columns: layer.matrix.columnCount),
                               at: reference.range)
      }
      return index
    case .name(let name):
      guard let index = layer.neuronNames.firstIndex(of: name) else {
        throw Diagnostic.unknownName("neuron", name, among: layer.neuronNames, at: reference.range)
      }
      return index
    }
  }

  private func agreement(at range: SourceRange, correct: Bool) throws -> InstanceSet {
    guard instances.labels != nil else { throw Diagnostic.error(Messages.noColumn("label"), at: range) }
    guard instances.predicted != nil else {
      throw Diagnostic.error(Messages.noColumn("predicted"), at: range)
    }
    guard let outcomes = workspace.outcomes.sets else { preconditionFailure("labels and predictions checked") }
    return correct ? outcomes.correct : outcomes.misclassified
  }

  /// NaN (missing) satisfies nothing.
  static func compare(_ lhs: Double, _ op: ComparisonOperator, _ rhs: Double) -> Bool {
    !lhs.isNaN && ordered(lhs, op, rhs)
  }

  static func compare(_ lhs: String, _ op: ComparisonOperator, _ rhs: String) -> Bool {
    ordered(lhs, op, rhs)
  }

  private static func ordered<Value: Comparable>(_ lhs: Value, _ op: ComparisonOperator, _ rhs: Value) -> Bool {
    switch op {
    case .equal: return lhs == rhs
    case .notEqual: return lhs != rhs
    case .less: return lhs < rhs
    case .lessOrEqual: return lhs <= rhs
    case .greater: return lhs > rhs
    case .greaterOrEqual: return lhs >= rhs
    }
  }
}
