import ActivisCore
import ActivisProjection

/// The options of one projection, checked and with their defaults.
struct ProjectionSettings: Hashable {
  var method: ProjectionMethod
  var sample: Int?
  var seed: UInt64 = 0
  var perplexity: Double?
  var iterations: Int?
  var learningRate: Double?
  var initialization: ProjectionInitialization?
  var neighbors: Int?
  var minimumDistance: Double?

  init(_ request: ProjectionRequest) throws {
    method = request.method.value
    for parameter in request.parameters {
      switch parameter.value {
      case .sample(let count): sample = count
      case .perplexity(let value): perplexity = value
      case .iterations(let count): iterations = count
      case .learningRate(let value): learningRate = value
      case .seed(let value): seed = value
      case .initialization(let value): initialization = value
      case .neighbors(let count): neighbors = count
      case .minimumDistance(let value):
        guard value <= 1 else {
          throw Diagnostic.error(Messages.minimumDistanceOutOfRange(value), at: parameter.range)
        }
        minimumDistance = value
      }
      if let (option, owners) = Self.owners(of: parameter.value), !owners.contains(method) {
        throw Diagnostic.error(
          Messages.projectionOption(option, isFor: owners.map(\.displayName).joined(separator: " or "),
                                    not: method.displayName),
          at: parameter.range)
      }
    }
  }

  /// The option's name and the methods it belongs to, for options that not every method has.
  private static func owners(of parameter: ProjectionParameter) -> (String, [ProjectionMethod])? {
    let option: String
    switch parameter {
    case .perplexity: option = "perplexity"
    case .neighbors: option = "neighbors"
    case .minimumDistance: option = "min dist"
    case .iterations: option = "iterations"
    case .learningRate: option = "learning rate"
    case .initialization(.spectral): return ("init spectral", [.umap])
    case .initialization: option = "init"
    case .sample, .seed: return nil
    }
    return ProjectionMethod.optionOwners[option].map { (option, $0) }
  }

  var umapOptions: UMAPOptions {
    var options = UMAPOptions()
    options.seed = seed
    if let neighbors { options.neighbors = neighbors }
    if let minimumDistance { options.minimumDistance = minimumDistance }
    if let iterations { options.epochs = iterations }
    if let learningRate { options.learningRate = learningRate }
    switch initialization {
    case .pca: options.initialization = .pca
    case .random: options.initialization = .random
    case .spectral, nil: options.initialization = .spectral
    }
    return options
  }

  var tsneOptions: TSNEOptions {
    var options = TSNEOptions()
    options.seed = seed
    if let perplexity { options.perplexity = perplexity }
    if let iterations {
      options.iterations = iterations
      options.earlyExaggerationIterations = Swift.min(options.earlyExaggerationIterations, iterations / 3)
    }
    if let learningRate { options.learningRate = .value(learningRate) }
    if let initialization { options.initialization = initialization == .pca ? .pca : .random }
    return options
  }

  var description: String {
    switch method {
    case .pca: return "PCA"
    case .tsne:
      let options = tsneOptions
      return "t-SNE (perplexity \(NumberFormat.short(options.perplexity)), \(options.iterations) iterations, seed \(seed))"
    case .umap:
      let options = umapOptions
      return "UMAP (neighbors \(options.neighbors), min dist \(NumberFormat.short(options.minimumDistance)), seed \(seed))"
    }
  }
}

/// Short number texts for titles.
enum NumberFormat {
  static func short(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}

extension ProjectionMethod {
  /// The method's name as written in prose: t-SNE, PCA, UMAP.
  var displayName: String {
    switch self {
    case .tsne: "t-SNE"
    case .pca: "PCA"
    case .umap: "UMAP"
    }
  }
}
