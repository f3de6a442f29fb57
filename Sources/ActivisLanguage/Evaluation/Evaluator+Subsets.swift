import ActivisCore

extension Evaluator {
  /// `subset [<name> =] where <predicate>`: defines (or redefines) a subset
  /// and adds it as a matrix row. It is evaluated now, and stored closed
  /// (`PredicateClosure`): a later redefinition of a subset it names, or
  /// another selected layer, changes nothing in it.
  func defineSubset(name: Located<String>?, predicate: PredicateNode, at range: SourceRange) throws -> CommandResult {
    let workspace = try requireWorkspace(at: range)
    try requireSubsetName(name, in: workspace.bundle)
    let closed = try PredicateClosure(workspace: workspace).close(predicate)
    try requireReadableBack(closed, at: predicate.range)
    let members = try PredicateEvaluator(workspace: workspace).evaluate(predicate)
    return .message(store(Session.Subset(name: name?.value ?? nextSubsetName(), predicate: closed, members: members)))
  }

  /// `subset [<name> =] from <file>`: the instances whose ids the file lists
  /// (see `IDList`), every id checked against the bundle.
  func defineSubset(name: Located<String>?, fromFile path: Located<String>, at range: SourceRange) throws
    -> CommandResult
  {
    let workspace = try requireWorkspace(at: range)
    try requireSubsetName(name, in: workspace.bundle)
    let absolute = Located(SessionScript.absolutePath(path.value), path.range)
    let listed = PredicateNode(.inFile(absolute), range: path.range)
    let members = try PredicateEvaluator(workspace: workspace).evaluate(listed)
    return .message(store(Session.Subset(name: name?.value ?? nextSubsetName(), predicate: listed, members: members)))
  }

  /// Refuses a closed definition that the parser would not read back (it
  /// nests too deep once `in <subset>` is replaced).
  private func requireReadableBack(_ closed: PredicateNode, at range: SourceRange) throws {
    let line = "subset s = where " + SourceText.predicate(closed)
    guard !Parser.parse(line: line).hasErrors else {
      throw Diagnostic.error(Messages.definitionTooDeep(Parser.maximumNesting), at: range)
    }
  }

  /// Refuses a subset name that is a class's.
  private func requireSubsetName(_ name: Located<String>?, in bundle: ActivationBundle) throws {
    if let name, bundle.classIndex(name.value) != nil {
      throw Diagnostic.error(Messages.subsetNamedLikeAClass(name.value), at: name.range)
    }
  }

  /// Defines (or redefines) `subset` and adds it as a matrix row; the line
  /// that says so. Must be called with a workspace open.
  func store(_ subset: Session.Subset) -> String {
    guard var workspace = session.workspace else { preconditionFailure("a subset is stored with a bundle open") }
    let redefined = workspace.subsets.contains { $0.name == subset.name }
    workspace.changeSubsets { subsets in
      if let index = subsets.firstIndex(where: { $0.name == subset.name }) {
        subsets[index] = subset
      } else {
        subsets.append(subset)
      }
    }
    if !workspace.matrixRows.contains(.subset(subset.name)) { workspace.matrixRows.append(.subset(subset.name)) }
    session.workspace = workspace
    let total = workspace.bundle.instances.count
    var line = "\(subset.name): " + (workspace.bundle.aggregates == nil
      ? sizeDescription(subset.members.count, of: total) : sampleSizeDescription(subset.members.count, of: total))
    if redefined { line += ", redefined" }
    if subset.members.isEmpty { line += "; no instance matches" }
    return line
  }

  /// `s1`, `s2`, …: the first automatic name not taken.
  private func nextSubsetName() -> String {
    var number = 1
    while session.subset(named: "s\(number)") != nil { number += 1 }
    return "s\(number)"
  }

  /// The part of the line a range covers.
  package static func text(of range: SourceRange, in source: String) -> String {
    let bytes = Array(source.utf8)
    let start = Swift.max(0, Swift.min(range.start, bytes.count))
    let end = Swift.max(start, Swift.min(range.end, bytes.count))
    return String(decoding: bytes[start ..< end], as: UTF8.self)
  }

  /// `subsets`: name, size, accuracy, and definition (closed, as `subset
  /// <name> =` takes it back)
  /// and accuracy: the fraction of members with a label and a prediction
  /// that are predicted right (with `subsets by`, which slice the model gets wrong).
  func listSubsets(at range: SourceRange) throws -> CommandResult {
    let bundle = try requireBundle(at: range)
    let instances = bundle.instances
    let rows: [[Cell]] = session.subsets.map { subset in
      var accuracy = Cell.missing
      if let labels = instances.labels, let predicted = instances.predicted,
         let value = Confusion(classes: bundle.classes, labels: labels, predicted: predicted,
                               members: subset.members).accuracy {
        accuracy = .double(value)
      }
      let size = subset.aggregateGroup.flatMap { bundle.aggregates?.groups[$0].count } ?? subset.members.count
      return [.text(subset.name), .int(size), accuracy, .text(subset.definition)]
    }
    var notes = rows.isEmpty ? ["no subsets yet; define one with 'subset <name> = where <predicate>'"] : []
    if let aggregates = bundle.aggregates {
      notes.append("exported subsets: size exact over \(GroupedNumber.text(aggregates.rows)) rows; other sizes and "
        + "every accuracy on the sample of \(GroupedNumber.text(instances.count)) instances")
    }
    return .table(ResultTable(columns: ["name", "size", "accuracy", "definition"], rows: rows, notes: notes))
  }

  /// `members <subset or class>`: id, label, predicted, text of each member.
  func members(of name: Located<String>) throws -> CommandResult {
    let workspace = try requireWorkspace(at: name.range)
    let bundle = workspace.bundle
    let set = try PredicateEvaluator(workspace: workspace).members(of: name)
    let rows = Self.instanceRows(set.rows, in: bundle)
    let notes = sampleNote("listed", in: bundle).map { [$0] } ?? []
    return .table(ResultTable(columns: ["id", "label", "predicted", "text"], rows: rows, notes: notes))
  }

  /// The session row a reference names.
  func resolveRow(_ reference: RowReference, in bundle: ActivationBundle) throws -> Session.MatrixRow {
    switch reference {
    case .instance(let id):
      return .instance(row: try instanceRow(id, in: bundle))
    case .name(let name):
      if session.subset(named: name.value) != nil { return .subset(name.value) }
      if let index = bundle.classIndex(name.value) { return .class(index) }
      let known = bundle.classes + session.subsets.map(\.name)
      throw Diagnostic.unknownName("row", name.value, among: known, at: name.range)
    }
  }

  /// `add #38 #47 whatis`: appends rows not shown yet.
  func addRows(_ references: [RowReference], at range: SourceRange) throws -> CommandResult {
    let bundle = try requireBundle(at: range)
    let rows = try references.map { try resolveRow($0, in: bundle) }
    var added: [String] = []
    for row in rows where !session.matrixRows.contains(row) {
      session.workspace?.matrixRows.append(row)
      added.append(rowLabel(row, in: bundle))
    }
    if added.isEmpty { return .message("already shown; the matrix has \(session.matrixRows.count) rows") }
    return .message("added \(added.joined(separator: ", ")); the matrix has \(session.matrixRows.count) rows")
  }

  /// `remove #38 whatis LOC`: takes rows off the matrix (subsets stay defined).
  func removeRows(_ references: [RowReference], at range: SourceRange) throws -> CommandResult {
    let bundle = try requireBundle(at: range)
    let rows = try references.map { try resolveRow($0, in: bundle) }
    for (row, reference) in zip(rows, references) where !session.matrixRows.contains(row) {
      throw Diagnostic.error(Messages.notARow(rowLabel(row, in: bundle)), at: reference.range)
    }
    session.workspace?.matrixRows.removeAll { rows.contains($0) }
    let removed = rows.map { rowLabel($0, in: bundle) }.joined(separator: ", ")
    return .message("removed \(removed); the matrix has \(session.matrixRows.count) rows")
  }

  /// A row's label as the matrix prints it: class, subset name or `#id`.
  func rowLabel(_ row: Session.MatrixRow, in bundle: ActivationBundle) -> String {
    switch row {
    case .class(let index): bundle.classes[index]
    case .subset(let name): name
    case .instance(let row): "#\(bundle.instances.ids[row])"
    }
  }
}
