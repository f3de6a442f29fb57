/// An opened bundle: its manifest, instances, layers and graph.
///
/// See `docs/bundle-format.md`. Opening reads the manifest, the instance CSV
/// and the graph, and maps each layer's `.npy` files; activations are read
/// only when a command needs them. Nothing is ever written into a bundle.
public final class ActivationBundle: Sendable {
  /// The bundle directory, as the user gave it.
  public let path: String
  /// `name` from the manifest (the directory name if the manifest has none).
  public let name: String
  /// `description` from the manifest.
  public let description: String?
  /// The class order used everywhere (matrix rows, colours, confusion).
  public let classes: [String]
  /// The rows of `instances.csv`.
  public let instances: InstanceTable
  /// The recorded layers, in manifest order.
  public let layers: [Layer]
  /// The computation graph, if the bundle has one.
  public let graph: ModelGraph?
  /// What was read anyway but is worth telling (replaced bytes, …).
  public let warnings: [BundleWarning]
  /// Exact statistics over the whole data set the instances were sampled
  /// from (format 1.1); nil for an ordinary bundle.
  public let aggregates: BundleAggregates?
  /// Whether the instance table was parsed or read from the cache.
  public let instanceSource: InstanceTableSource

  /// A bundle from parts already read (for tests and generated bundles).
  public init(
    path: String, name: String, description: String?, classes: [String], instances: InstanceTable,
    layers: [Layer], graph: ModelGraph?, warnings: [BundleWarning], aggregates: BundleAggregates? = nil,
    instanceSource: InstanceTableSource = .parsed
  ) {
    self.aggregates = aggregates
    self.path = path
    self.name = name
    self.description = description
    self.classes = classes
    self.instances = instances
    self.layers = layers
    self.graph = graph
    self.warnings = warnings
    self.instanceSource = instanceSource
  }

  /// Opens the bundle in directory `path`, or the bundle whose manifest is
  /// the file `path` (any file name, e.g. `runs/7/activis.json`).
  ///
  /// Reads the manifest, `instances.csv` and the graph, and maps every
  /// layer's `.npy` files reading only their headers. With a `cache`, the
  /// instance table is read from it when it holds this file as it is now,
  /// and written to it after parsing otherwise.
  ///
  /// - Throws: `BundleError` naming the file and the fault; never returns a
  ///   partly read bundle.
  public static func open(_ path: String, cache: InstanceCache? = nil) throws -> ActivationBundle {
    try BundleOpener(userPath: path, cache: cache).open()
  }

  /// The layer called `name`, if any.
  public func layer(named name: String) -> Layer? { layers.first { $0.name == name } }

  /// The index of a class name in `classes`.
  public func classIndex(_ name: String) -> Int? { classes.firstIndex(of: name) }
}

/// One recorded layer: its name, graph node, neuron names and matrix.
public final class Layer: Sendable {
  /// What the user types (`select layer concat`).
  public let name: String
  /// The id of the graph's data node whose activations these are.
  public let node: String?
  /// D names, from the manifest or `n0 … n{D-1}`.
  public let neuronNames: [String]
  /// The activations, N × D.
  public let matrix: LayerMatrix

  /// A layer; `neuronNames` must hold one name per column of `matrix`.
  public init(name: String, node: String?, neuronNames: [String], matrix: LayerMatrix) {
    precondition(neuronNames.count == matrix.columnCount, "one name per neuron")
    self.name = name
    self.node = node
    self.neuronNames = neuronNames
    self.matrix = matrix
  }
}
