import ActivisCore

/// One open bundle and everything derived from it: replaced whole when
/// another bundle is opened.
package struct Workspace {
  package let bundle: ActivationBundle
  /// Instances of each class by true label.
  package let classMembers: [InstanceSet]
  package internal(set) var layer: Layer?
  /// Subsets in the order they were first defined.
  package internal(set) var subsets: [Session.Subset] = []
  /// The matrix rows, in order.
  package internal(set) var matrixRows: [Session.MatrixRow]
  /// What colours the points of a projection.
  package internal(set) var colorKey: ColorKey = .label
  /// `graph depth N`, and groups expanded or collapsed by hand.
  package internal(set) var graphDepth: GraphResult.Depth = .automatic
  package internal(set) var expandedGroups: Set<String> = []
  package internal(set) var collapsedGroups: Set<String> = []

  /// Statistics already computed, by layer and member set; those of sets no
  /// longer a class or subset are forgotten (see `changeSubsets`).
  let statistics = StatisticsCache()
  /// Projections already computed, by layer, instances and options.
  let projections = ProjectionCache()
  /// The instances classified correctly and those mistaken.
  let outcomes: OutcomeSets

  /// The workspace of a bundle just opened: one matrix row per class that
  /// has instances, and the layer selected when there is only one.
  init(bundle: ActivationBundle) {
    self.bundle = bundle
    outcomes = OutcomeSets(bundle.instances)
    let members = Self.classMembers(of: bundle)
    classMembers = members
    matrixRows = members.indices.filter { !members[$0].isEmpty }.map { .class($0) }
    layer = bundle.layers.count == 1 ? bundle.layers[0] : nil
    for subset in Self.exportedSubsets(of: bundle) {
      subsets.append(subset)
      matrixRows.append(.subset(subset.name))
    }
  }

  /// The subsets a bundle's aggregates define, with their members in the
  /// sample; `in <name>` stays as it is in closed definitions (as for a class).
  static func exportedSubsets(of bundle: ActivationBundle) -> [Session.Subset] {
    guard let aggregates = bundle.aggregates else { return [] }
    return aggregates.groups.indices.filter { aggregates.groups[$0].kind == .subset }.map { index in
      let group = aggregates.groups[index]
      var members = InstanceSet(capacity: bundle.instances.count)
      for row in group.sampleRows { members.insert(row) }
      let reference = PredicateNode(.inSubset(Located(group.name, SourceRange(0, 0))), range: SourceRange(0, 0))
      var subset = Session.Subset(name: group.name, predicate: reference, members: members)
      subset.aggregateGroup = index
      subset.exportedCondition = group.condition ?? ""
      return subset
    }
  }

  /// The aggregates group whose exact statistics stand for this matrix row
  /// in `layer`, if the bundle's aggregates hold that layer: a class, or a
  /// subset the aggregates define.
  func aggregateGroup(of row: Session.MatrixRow, in layer: Layer) -> Int? {
    guard let aggregates = bundle.aggregates, aggregates.statistics[layer.name] != nil else { return nil }
    switch row {
    case .class(let index): return aggregates.classGroup(bundle.classes[index])
    case .subset(let name): return subset(named: name)?.aggregateGroup
    case .instance: return nil
    }
  }

  /// The subset with this name.
  package func subset(named name: String) -> Session.Subset? { subsets.first { $0.name == name } }

  /// The selected layer, or an error listing the layers to choose from.
  func requireLayer(at range: SourceRange) throws -> Layer {
    guard let layer else {
      let names = bundle.layers.map { "'\($0.name)'" }.joined(separator: ", ")
      throw Diagnostic.error(Messages.noLayerSelected(layers: names), at: range)
    }
    return layer
  }

  /// The layer with this name, or an error suggesting one.
  func requireLayer(named name: Located<String>) throws -> Layer {
    guard let layer = bundle.layer(named: name.value) else {
      throw Diagnostic.unknownName("layer", name.value, among: bundle.layers.map(\.name), at: name.range)
    }
    return layer
  }

  /// Changes the subsets, and forgets the cached statistics of member sets
  /// that are no longer a class or a subset. The numbers kept stay right:
  /// a group's statistics depend on its members alone.
  mutating func changeSubsets(_ change: (inout [Session.Subset]) -> Void) {
    change(&subsets)
    statistics.keepOnly(classMembers + subsets.map(\.members))
  }

  /// Removes subsets, their matrix rows, and the colouring by any of them.
  mutating func removeSubsets(named names: Set<String>) {
    changeSubsets { $0.removeAll { names.contains($0.name) } }
    matrixRows.removeAll { row in
      if case .subset(let name) = row { return names.contains(name) }
      return false
    }
    if case .subset(let name) = colorKey, names.contains(name) { colorKey = .label }
  }

  /// One instance set per class, by true label.
  static func classMembers(of bundle: ActivationBundle) -> [InstanceSet] {
    let count = bundle.instances.count
    var sets = bundle.classes.map { _ in InstanceSet(capacity: count) }
    if let labels = bundle.instances.labels {
      for (row, label) in labels.enumerated() where label >= 0 { sets[Int(label)].insert(row) }
    }
    return sets
  }
}

/// Row statistics computed once per layer and member set, so that `matrix`
/// after `add` or a new subset only reads what is new. Keyed by the exact instances, never by
/// a name: a redefined subset can never be shown another set's numbers.
final class StatisticsCache {
  struct Key: Hashable {
    /// The layer's identity within the workspace's bundle.
    var layer: ObjectIdentifier
    var members: InstanceSet
    var countNonPositive: Bool
  }
  private var values: [Key: RowStatistics] = [:]

  subscript(key: Key) -> RowStatistics? {
    get { values[key] }
    set { values[key] = newValue }
  }

  /// Forgets the statistics of every member set not in `groups`. Sets are
  /// matched by size first, and only the forgotten are hashed: hashing
  /// every set of a million rows on each change of the subsets would cost
  /// more than the change.
  func keepOnly(_ groups: [InstanceSet]) {
    guard !values.isEmpty else { return }
    var bySize: [Int: [InstanceSet]] = [:]
    for group in groups { bySize[group.count, default: []].append(group) }
    let stale = values.keys.filter { key in !(bySize[key.members.count]?.contains(key.members) ?? false) }
    for key in stale { values.removeValue(forKey: key) }
  }

  /// Whether nothing is cached.
  var isEmpty: Bool { values.isEmpty }

  /// Whether statistics of `members` are cached, in any layer.
  func holds(_ members: InstanceSet) -> Bool { values.keys.contains { $0.members == members } }
}
