/// The syntax tree of the activis language: what the parser produces and the
/// evaluator consumes. Every node keeps where it was written.
///
/// The grammar is `grammar/activis.ebnf`; the spelling of the core commands is
/// fixed by `docs/language.md`.

/// One command as written.
public struct CommandNode: Sendable {
  public var command: Command
  /// The whole command, from its first keyword to its last token.
  public var range: SourceRange
  public init(_ command: Command, range: SourceRange) {
    self.command = command
    self.range = range
  }
}

/// The commands of the language.
public enum Command: Sendable {
  /// `load <path>`
  case load(path: Located<String>)
  /// `info`
  case info
  /// `graph`, `graph <node>`, `graph depth N`, `graph expand <group>`, `graph collapse <group>`
  case graph(GraphCommand)
  /// `layers`
  case layers
  /// `select layer <name>` (a layer name or its graph node id)
  case selectLayer(Located<String>)
  /// `instances`, `instances <class>`
  case instances(class: Located<String>?)
  /// `show #38`
  case show(Located<Int64>)
  /// `subset where <predicate>`, `subset <name> = where <predicate>`
  case defineSubset(name: Located<String>?, predicate: PredicateNode)
  /// `subset from <file>`, `subset <name> = from <file>`: the instances whose
  /// ids the file lists.
  case subsetFromFile(name: Located<String>?, path: Located<String>)
  /// `subsets`
  case subsets
  /// `subsets by <field> [bins N]`: one subset per value of a class column
  /// or categorical attribute, or per quantile range of a numeric one.
  case subsetsBy(field: Located<String>, bins: Located<Int>?)
  /// `members <subset or class>`: the instances in it (id, label, predicted, text).
  case members(Located<String>)
  /// `matrix [neurons A..B] [sort by <row> | sort by variance | sort by cluster]`
  case matrix(MatrixOptions)
  /// `add #38 #47`, `add <subset>`
  case add([RowReference])
  /// `remove #38`, `remove <subset>`
  case remove([RowReference])
  /// `compare <row> <row> … [top N]`
  case compare([RowReference], top: Located<Int>?)
  /// `project tsne|pca [of <subset>] [sample N] [perplexity X] …`
  case project(ProjectionRequest)
  /// `color by label|predicted|correct|<attribute>`
  case colorBy(Located<ColorKey>)
  /// `neurons [by <statistic>] [top N]`
  case neurons(NeuronQuery)
  /// `export csv|tsv|json|svg <file>`
  case export(format: Located<ExportFormat>, path: Located<String>)
  /// `set format table|csv|tsv|json`
  case setFormat(Located<OutputFormat>)
  /// `set timer on|off`: the time of each command on standard error.
  case setTimer(Located<Bool>)
  /// `help`, `help <command>`
  case help(topic: Located<String>?)
  /// `save <file>`: a script that rebuilds the session.
  case save(path: Located<String>)
  /// `quit` (also `exit`)
  case quit
}

public enum GraphCommand: Sendable {
  /// `graph`: the overview.
  case overview
  /// `graph <node>`: one node's neighbourhood.
  case node(Located<String>)
  /// `graph depth N`: collapse groups deeper than N.
  case depth(Located<Int>)
  /// `graph expand <group>`
  case expand(Located<String>)
  /// `graph collapse <group>`
  case collapse(Located<String>)
}

/// A row of the matrix: one instance, or a class or subset by name.
public enum RowReference: Equatable, Sendable {
  case instance(Located<Int64>)
  case name(Located<String>)

  public var range: SourceRange {
    switch self {
    case .instance(let id): id.range
    case .name(let name): name.range
    }
  }
}

public struct MatrixOptions: Equatable, Sendable {
  /// `neurons 10..50` (inclusive, 0-based indices), if given.
  public var neurons: Located<ClosedRange<Int>>?
  /// `sort by …`, if given; stored order otherwise.
  public var order: Located<NeuronOrder>?
  public init(neurons: Located<ClosedRange<Int>>? = nil, order: Located<NeuronOrder>? = nil) {
    self.neurons = neurons
    self.order = order
  }
}

/// How the matrix orders its neuron columns.
public enum NeuronOrder: Equatable, Sendable {
  /// As stored in the layer.
  case stored
  /// By one row's activation, strongest first (`sort by LOC`, `sort by #38`).
  case row(RowReference)
  /// By variance of the shown rows' means, largest first (`sort by variance`).
  case variance
  /// Similar columns next to each other (`sort by cluster`).
  case cluster
}

public enum ProjectionMethod: String, Equatable, Sendable {
  case tsne
  case pca
}

/// `project …` with its options, each as written.
public struct ProjectionRequest: Equatable, Sendable {
  /// The fewest instances a projection places (`sample` is at least this).
  public static let minimumSample = 4
  public var method: Located<ProjectionMethod>
  /// `of <subset>`: project only that subset's instances.
  public var subset: Located<String>?
  public var parameters: [Located<ProjectionParameter>]
  public init(method: Located<ProjectionMethod>, subset: Located<String>? = nil,
              parameters: [Located<ProjectionParameter>] = []) {
    self.method = method
    self.subset = subset
    self.parameters = parameters
  }
}

public enum ProjectionParameter: Equatable, Sendable {
  /// `sample N`
  case sample(Int)
  /// `perplexity X`
  case perplexity(Double)
  /// `iterations N`
  case iterations(Int)
  /// `learning rate X`
  case learningRate(Double)
  /// `seed N`
  case seed(UInt64)
  /// `init pca|random`
  case initialization(ProjectionInitialization)
}

public enum ProjectionInitialization: String, Equatable, Sendable {
  case pca
  case random
}

/// What colours or letters the points of a projection.
public enum ColorKey: Equatable, Sendable {
  case label
  case predicted
  case correct
  /// An attribute, or (when the bundle has no attribute of that name) a
  /// subset's membership, as the parser reads `color by <name>`; the
  /// evaluator resolves it to `.subset` when it names a subset.
  case attribute(String)
  /// Whether each point is a member of the subset.
  case subset(String)
}

/// `neurons [by <statistic>] [top N]`
public struct NeuronQuery: Equatable, Sendable {
  public var ranking: Located<NeuronStatistic>?
  public var top: Located<Int>?
  public init(ranking: Located<NeuronStatistic>? = nil, top: Located<Int>? = nil) {
    self.ranking = ranking
    self.top = top
  }
}

/// A per-neuron statistic over all instances of a layer.
public enum NeuronStatistic: String, Equatable, Sendable, CaseIterable {
  case mean
  case std
  case min
  case max
  /// Fraction of instances where the neuron is zero or below (a dead ReLU).
  case dead
  /// How well the neuron separates the classes (between-class / total variance).
  case separation
}

public enum OutputFormat: String, Equatable, Sendable, CaseIterable {
  case table
  case csv
  case tsv
  case json
}

public enum ExportFormat: String, Equatable, Sendable, CaseIterable {
  case csv
  case tsv
  case json
  case svg
}

/// A predicate with the range it covers.
public struct PredicateNode: Sendable {
  public var predicate: Predicate
  public var range: SourceRange
  public init(_ predicate: Predicate, range: SourceRange) {
    self.predicate = predicate
    self.range = range
  }
}

/// Conditions over instances, as `subset … where` takes them.
public indirect enum Predicate: Sendable {
  case and(PredicateNode, PredicateNode)
  case or(PredicateNode, PredicateNode)
  case not(PredicateNode)
  /// `text starts|ends|contains|matches "…"`
  case text(Located<TextOperator>, Located<String>)
  /// `<field> <op> <value>`: `label = NUM`, `predicted != DESC`, `id < 100`,
  /// `<attribute> >= 3`, `topic = "sports"`.
  case comparison(field: Located<String>, Located<ComparisonOperator>, Located<Literal>)
  /// `score <class> <op> <number>`
  case score(class: Located<String>, Located<ComparisonOperator>, Located<Double>)
  /// `neuron <index or name> [of layer <name>] <op> <number>`: in the named
  /// layer, or without one in the layer selected when it is evaluated.
  case neuron(Located<NeuronReference>, layer: Located<String>?, Located<ComparisonOperator>, Located<Double>)
  /// `correct`: the prediction equals the label.
  case correct
  /// `misclassified`: both known and different.
  case misclassified
  /// `in <subset>` (or a class name: its instances by true label)
  case inSubset(Located<String>)
  /// `in file "<path>"`: the instances whose ids an id list names (see
  /// `IDList`); what `subset … from <path>` stands for inside a definition.
  case inFile(Located<String>)
}

public enum TextOperator: String, Equatable, Sendable {
  case starts
  case ends
  case contains
  case matches
}

public enum ComparisonOperator: String, Equatable, Sendable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
}

/// A value on the right of a comparison.
public enum Literal: Equatable, Sendable {
  /// A number, with its text as written.
  case number(Double, text: String)
  /// A double-quoted string, unescaped.
  case string(String)
  /// A bare word (a class name, a category).
  case word(String)

  /// The text the user means, for string comparisons.
  public var text: String {
    switch self {
    case .number(_, let text): text
    case .string(let string): string
    case .word(let word): word
    }
  }
}

public enum NeuronReference: Equatable, Sendable {
  /// A 0-based column index.
  case index(Int)
  /// A neuron name from the manifest.
  case name(String)
}
