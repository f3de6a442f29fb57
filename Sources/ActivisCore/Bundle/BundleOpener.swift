#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole bundle, file by file, for `ActivationBundle.open`.
struct BundleOpener {
  let location: BundleLocation
  let cache: InstanceCache?

  init(userPath: String, cache: InstanceCache?) throws {
    location = try BundleLocation(userPath: userPath)
    self.cache = cache
  }

  func open() throws -> ActivationBundle {
    let manifestFile = location.manifestPath
    let manifestBytes: MappedFile
    do {
      manifestBytes = try MappedFile(path: manifestFile, displayName: manifestFile, sequential: false)
    } catch let error as BundleError where error.code == .fileNotFound {
      throw BundleError(.fileNotFound, file: manifestFile,
                        "no manifest: a bundle directory holds an 'activis.json' file")
    }
    let manifest = try Manifest(bytes: manifestBytes.bytes, file: manifestFile)

    let instancesPath = try location.resolve(manifest.instances, field: "'instances'")
    let instancesFile = location.displayName(manifest.instances)
    let csv = try MappedFile(path: instancesPath, displayName: instancesFile)
    let (read, source) = try readInstances(csv, path: instancesPath, file: instancesFile, classes: manifest.classes)

    let graph = try readGraph(manifest)
    var layers: [Layer] = []
    for entry in manifest.layers {
      layers.append(try layer(entry, instances: (instancesFile, read.table.count), graph: graph))
    }
    let aggregates = try manifest.aggregates.map {
      try AggregatesReader(location: location).read($0, layers: layers, classes: read.classes, instances: read.table)
    }
    return ActivationBundle(
      path: location.directory, name: manifest.name ?? location.directoryName,
      description: manifest.description, classes: read.classes, instances: read.table,
      layers: layers, graph: graph, warnings: read.warnings, aggregates: aggregates, instanceSource: source)
  }

  /// The graph named by the manifest, or `graph.json` if the bundle has one.
  private func readGraph(_ manifest: Manifest) throws -> ModelGraph? {
    let relative: String
    if let named = manifest.graph {
      relative = named
    } else {
      var info = stat()
      guard stat(BundleLocation.join(location.realDirectory, "graph.json"), &info) == 0 else {
        return nil
      }
      relative = "graph.json"
    }
    let path = try location.resolve(relative, field: "'graph'")
    let file = location.displayName(relative)
    let mapped = try MappedFile(path: path, displayName: file)
    return try GraphReader.read(mapped.bytes, file: file)
  }

  /// - Parameter instances: the CSV's display name and row count.
  private func layer(
    _ entry: Manifest.LayerEntry, instances: (file: String, count: Int), graph: ModelGraph?
  ) throws -> Layer {
    var files: [(path: String, displayName: String)] = []
    for (index, relative) in entry.files.enumerated() {
      let field = entry.files.count == 1 && index == 0
        ? "'\(entry.fieldPath).file'" : "'\(entry.fieldPath).files[\(index)]'"
      files.append((try location.resolve(relative, field: field), location.displayName(relative)))
    }
    let matrix = try LayerMatrix(files: files)
    let blame = files.count == 1 ? files[0].displayName : location.manifestPath
    if matrix.rowCount != instances.count {
      let detail = files.count == 1 ? ""
        : " (" + matrix.shards.map { "\($0.rows.count) in '\($0.file)'" }.joined(separator: ", ") + ")"
      throw BundleError(.shapeMismatch, file: blame,
                        "layer '\(entry.name)' has \(matrix.rowCount) rows\(detail) but "
                        + "'\(instances.file)' has \(instances.count) instances")
    }
    if let neurons = entry.neurons, neurons.count != matrix.columnCount {
      throw BundleError(.shapeMismatch, file: location.manifestPath,
                        "'\(entry.fieldPath).neurons' names \(neurons.count) neurons but layer "
                        + "'\(entry.name)' has \(matrix.columnCount)")
    }
    if let node = entry.node, let graph, graph.index(of: node) == nil {
      throw BundleError(.unknownGraphNode, file: location.manifestPath,
                        "'\(entry.fieldPath).node' is '\(node)', which is not a node of the graph")
    }
    let names = entry.neurons ?? (0 ..< matrix.columnCount).map { "n\($0)" }
    return Layer(name: entry.name, node: entry.node, neuronNames: names, matrix: matrix)
  }
}
