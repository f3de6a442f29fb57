/// Reads and checks the `aggregates` of a manifest (format 1.1): each
/// layer's `(groups, 5, neurons)` array and each subset's sample members.
struct AggregatesReader {
  let location: BundleLocation

  func read(
    _ entry: Manifest.AggregatesEntry, layers: [Layer], classes: [String], instances: InstanceTable
  ) throws -> BundleAggregates {
    let manifest = location.manifestPath
    var groups: [BundleAggregates.Group] = []
    for (index, group) in entry.groups.enumerated() {
      if group.kind == .class, !classes.contains(group.name) {
        throw BundleError(.unknownClass, file: manifest,
                          "'aggregates.groups[\(index)].name' is '\(group.name)', which is not one of the classes")
      }
      let rows = try group.sample.map { id -> Int in
        guard let row = instances.row(ofID: id) else {
          throw BundleError(.malformedManifest, file: manifest,
                            "'aggregates.groups[\(index)].sample' lists id \(id), which is not an instance")
        }
        return row
      }
      groups.append(.init(name: group.name, kind: group.kind, count: group.count, condition: group.condition,
                          sampleRows: rows))
    }
    var statistics: [String: [RowStatistics]] = [:]
    for layerEntry in entry.layers {
      guard let layer = layers.first(where: { $0.name == layerEntry.name }) else { continue }
      let path = try location.resolve(layerEntry.file, field: "'\(layerEntry.fieldPath).file'")
      let file = location.displayName(layerEntry.file)
      let matrix = try LayerMatrix(files: [(path, file)])
      let width = layer.matrix.columnCount
      guard matrix.rowCount == groups.count, matrix.trailingShape == [5, width] else {
        let shape = NpyHeader.describe([matrix.rowCount] + matrix.trailingShape)
        throw BundleError(.shapeMismatch, file: file,
                          "aggregates of layer '\(layer.name)' have shape \(shape); expected (\(groups.count), 5, "
                          + "\(width)): groups × (mean, std, min, max, nonfinite) × neurons")
      }
      statistics[layer.name] = groups.indices.map { index in
        BundleAggregates.rowStatistics(planes: matrix.row(index), width: width, count: groups[index].count)
      }
    }
    return BundleAggregates(rows: entry.rows, groups: groups, statistics: statistics)
  }
}
