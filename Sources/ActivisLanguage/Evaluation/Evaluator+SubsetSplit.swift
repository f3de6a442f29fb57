import ActivisCore

extension Evaluator {
  /// The most subsets one `subsets by` defines.
  static let maximumSplitSubsets = 64
  /// Quantile ranges of a numeric attribute when `bins` is not given.
  static let defaultBins = 4

  /// `subsets by <field> [bins N]`: one subset per class of `label` or
  /// `predicted`, or per value of a categorical attribute, or per quantile
  /// range of a numeric attribute (the paper's ranking scenario, §6.2). Each
  /// is defined by an ordinary predicate, which `subsets` shows and a script
  /// can repeat, and added as a matrix row. Instances with no value are in
  /// none of them.
  func splitSubsets(by field: Located<String>, bins: Located<Int>?, at range: SourceRange) throws
    -> CommandResult
  {
    let bundle = try requireBundle(at: range)
    let instances = bundle.instances
    let parts: [Session.Subset]
    switch field.value {
    case "label", "predicted":
      guard let codes = field.value == "label" ? instances.labels : instances.predicted else {
        throw Diagnostic.error(Messages.noColumn(field.value), at: field.range)
      }
      try requireNoBins(bins, field: field.value)
      parts = try categorySubsets(field, codes: codes, categories: bundle.classes)
    default:
      guard let attribute = instances.attribute(named: field.value) else {
        let known = ["label", "predicted"] + instances.attributes.map(\.name)
        throw Diagnostic.unknownName("attribute", field.value, among: known, at: field.range)
      }
      switch attribute.values {
      case .categorical(let codes, let categories):
        try requireNoBins(bins, field: field.value)
        parts = try categorySubsets(field, codes: codes, categories: categories)
      case .numeric(let values):
        parts = try rangeSubsets(field, values: values, bins: bins)
      }
    }
    guard !parts.isEmpty else {
      throw Diagnostic.error(Messages.noValueToSplit(field.value), at: field.range)
    }
    var names = Set(bundle.classes)
    var lines: [String] = []
    for var subset in parts {
      subset.name = Self.unused(subset.name, among: &names)
      subset.splitField = field.value
      lines.append(store(subset))
    }
    // Ranges an earlier split of the same field had and this one has not.
    let stale = session.subsets.filter { $0.splitField == field.value && !names.contains($0.name) }.map(\.name)
    if !stale.isEmpty {
      session.workspace?.removeSubsets(named: Set(stale))
      lines.append("removed \(stale.joined(separator: ", ")), left from an earlier 'subsets by \(field.value)'")
    }
    return .message(lines.joined(separator: "\n"))
  }

  private func requireNoBins(_ bins: Located<Int>?, field: String) throws {
    if let bins {
      throw Diagnostic.error(Messages.binsNeedNumbers(field), at: bins.range)
    }
  }

  /// One subset per category that has instances, in the categories' order.
  private func categorySubsets(_ field: Located<String>, codes: [Int32], categories: [String]) throws
    -> [Session.Subset]
  {
    var counts = [Int](repeating: 0, count: categories.count)
    for code in codes where code >= 0 { counts[Int(code)] += 1 }
    let present = counts.indices.filter { counts[$0] > 0 }
    guard present.count <= Self.maximumSplitSubsets else {
      throw Diagnostic.error(Messages.tooManyValuesToSplit(field.value, present.count, maximum: Self.maximumSplitSubsets),
                             at: field.range)
    }
    // One set per value present, found through a table from code to set (a
    // dictionary lookup per row took most of the time).
    var slot = [Int](repeating: -1, count: categories.count)
    for (k, index) in present.enumerated() { slot[index] = k }
    var members = present.map { _ in InstanceSet(capacity: codes.count) }
    for (row, code) in codes.enumerated() where code >= 0 { members[slot[Int(code)]].insert(row) }
    return present.enumerated().map { k, index in
      Session.Subset(name: Self.subsetName(field.value, categories[index]),
                     predicate: Self.condition(field, .equal, Self.literal(categories[index])),
                     members: members[k])
    }
  }

  /// Up to `bins` subsets of about equal size (`QuantileBins`), each
  /// defined by its range's cuts. When every value is the same there is one
  /// range, defined as `<field> >= <value>` (which a missing value fails).
  private func rangeSubsets(_ field: Located<String>, values: [Double], bins: Located<Int>?) throws
    -> [Session.Subset]
  {
    let count = bins?.value ?? Self.defaultBins
    if let bins, count > Self.maximumSplitSubsets {
      throw Diagnostic.error(Messages.tooManyBins(Self.maximumSplitSubsets), at: bins.range)
    }
    guard let ranges = QuantileBins(values: values, count: count) else { return [] }
    var members = (0 ..< ranges.count).map { _ in InstanceSet(capacity: values.count) }
    for (row, value) in values.enumerated() {
      if let bin = ranges.bin(of: value) { members[bin].insert(row) }
    }
    func number(_ value: Double) -> Literal { .number(value, text: SourceText.number(value)) }
    return (0 ..< ranges.count).map { bin in
      let (lower, upper) = ranges.bounds(of: bin)
      let conditions = [(lower ?? (upper == nil ? ranges.minimum : nil)).map { Self.condition(field, .greaterOrEqual, number($0)) },
                        upper.map { Self.condition(field, .less, number($0)) }].compactMap { $0 }
      let predicate = conditions.dropFirst().reduce(conditions[0]) { PredicateNode(.and($0, $1), range: field.range) }
      return Session.Subset(name: Self.subsetName(field.value, "\(bin + 1)"), predicate: predicate, members: members[bin])
    }
  }

  /// `<field> <op> <value>`, as a split defines its subsets.
  private static func condition(_ field: Located<String>, _ op: ComparisonOperator, _ value: Literal) -> PredicateNode {
    PredicateNode(.comparison(field: field, Located(op, field.range), Located(value, field.range)), range: field.range)
  }

  /// A category as a comparison's value: a plain word, or a string.
  static func literal(_ category: String) -> Literal {
    SourceText.literal(category) == category ? .word(category) : .string(category)
  }

  /// `source_wiki`: the field and the value, with every character that
  /// cannot be in a name as `_`.
  static func subsetName(_ field: String, _ value: String) -> String {
    let name = String((field + "_" + value).unicodeScalars.map { scalar -> Character in
      scalar.properties.isAlphabetic || ("0" ... "9").contains(scalar) ? Character(scalar) : "_"
    })
    return name.first?.isNumber == true ? "_" + name : name
  }

  /// `name`, or `name_2`, `name_3`, … when taken; records the one chosen.
  static func unused(_ name: String, among taken: inout Set<String>) -> String {
    var candidate = name
    var number = 2
    while taken.contains(candidate) {
      candidate = "\(name)_\(number)"
      number += 1
    }
    taken.insert(candidate)
    return candidate
  }
}
