/// The syntax tree of the activis language: what the parser produces and the
/// evaluator consumes. Every node keeps where it was written.
///
/// The grammar is `grammar/activis.ebnf`; the spelling of the core commands is
/// fixed by `docs/language.md`.

/// One command as written: its declaration and what its syntax matched.
package struct CommandNode: Sendable {
  package let declaration: CommandDeclaration
  package let arguments: Arguments
  /// The whole command, from its first keyword to its last token.
  package var range: SourceRange { arguments.range }

  init(_ declaration: CommandDeclaration, _ arguments: Arguments) {
    self.declaration = declaration
    self.arguments = arguments
  }
}

/// What `graph` shows: the overview, one node, or a change of the view.
package enum GraphCommand: Sendable {
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
package enum RowReference: Equatable, Sendable {
  case instance(Located<Int64>)
  case name(Located<String>)

  package var range: SourceRange {
    switch self {
    case .instance(let id): id.range
    case .name(let name): name.range
    }
  }
}

package struct MatrixOptions: Equatable, Sendable {
  /// `neurons 10..50` (inclusive, 0-based indices), if given.
  package var neurons: Located<ClosedRange<Int>>?
  /// `sort by …`, if given; stored order otherwise.
  package var order: Located<NeuronOrder>?
  package init(neurons: Located<ClosedRange<Int>>? = nil, order: Located<NeuronOrder>? = nil) {
    self.neurons = neurons
    self.order = order
  }
}

/// How the matrix orders its neuron columns.
package enum NeuronOrder: Equatable, Sendable {
  /// As stored in the layer.
  case stored
  /// By one row's activation, strongest first (`sort by LOC`, `sort by #38`).
  case row(RowReference)
  /// By variance of the shown rows' means, largest first (`sort by variance`).
  case variance
  /// Similar columns next to each other (`sort by cluster`).
  case cluster
}

package enum ProjectionMethod: String, Equatable, Sendable, CaseIterable {
  case tsne
  case pca
  case umap

  /// The options (by their keywords) that not every method has, and the
  /// methods that have them.
  package static let optionOwners: [String: [ProjectionMethod]] = [
    "perplexity": [.tsne], "neighbors": [.umap], "min dist": [.umap],
    "iterations": [.tsne, .umap], "learning rate": [.tsne, .umap], "init": [.tsne, .umap],
  ]
}

/// `project …` with its options, each as written.
package struct ProjectionRequest: Equatable, Sendable {
  /// The fewest instances a projection places (`sample` is at least this).
  package static let minimumSample = 4
  package var method: Located<ProjectionMethod>
  /// `of <subset>`: project only that subset's instances.
  package var subset: Located<String>?
  package var parameters: [Located<ProjectionParameter>]
  package init(method: Located<ProjectionMethod>, subset: Located<String>? = nil,
              parameters: [Located<ProjectionParameter>] = []) {
    self.method = method
    self.subset = subset
    self.parameters = parameters
  }
}

package enum ProjectionParameter: Equatable, Sendable {
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
  /// `init pca|random|spectral`
  case initialization(ProjectionInitialization)
  /// `neighbors K` (UMAP)
  case neighbors(Int)
  /// `min dist X` (UMAP)
  case minimumDistance(Double)
}

package enum ProjectionInitialization: String, Equatable, Sendable, CaseIterable {
  case pca
  case random
  /// UMAP only: the fuzzy graph's Laplacian eigenvectors.
  case spectral
}

/// What colours or letters the points of a projection.
package enum ColorKey: Equatable, Sendable {
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
package struct NeuronQuery: Equatable, Sendable {
  package var ranking: Located<NeuronStatistic>?
  package var top: Located<Int>?
  package init(ranking: Located<NeuronStatistic>? = nil, top: Located<Int>? = nil) {
    self.ranking = ranking
    self.top = top
  }
}

/// A per-neuron statistic over all instances of a layer.
package enum NeuronStatistic: String, Equatable, Sendable, CaseIterable {
  case mean
  case std
  case min
  case max
  /// Fraction of instances where the neuron is zero or below (a dead ReLU).
  case dead
  /// How well the neuron separates the classes (between-class / total variance).
  case separation
}

package enum ExportFormat: String, Equatable, Sendable, CaseIterable {
  case csv
  case tsv
  case json
  case svg
}

/// A predicate with the range it covers.
package struct PredicateNode: Sendable {
  package var predicate: Predicate
  package var range: SourceRange
  package init(_ predicate: Predicate, range: SourceRange) {
    self.predicate = predicate
    self.range = range
  }
}

/// Conditions over instances, as `subset … where` takes them.
package indirect enum Predicate: Sendable {
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
  /// `changed from "<bundle>"`: the prediction here differs from the one in
  /// that bundle (an absolute path once closed), matched by instance id.
  case changedFrom(Located<String>)
}

package enum TextOperator: String, Equatable, Sendable {
  case starts
  case ends
  case contains
  case matches
}

package enum ComparisonOperator: String, Equatable, Sendable {
  case equal = "="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="
}

/// A value on the right of a comparison.
package enum Literal: Equatable, Sendable {
  /// A number, with its text as written.
  case number(Double, text: String)
  /// A double-quoted string, unescaped.
  case string(String)
  /// A bare word (a class name, a category).
  case word(String)

  /// The text the user means, for string comparisons.
  package var text: String {
    switch self {
    case .number(_, let text): text
    case .string(let string): string
    case .word(let word): word
    }
  }
}

package enum NeuronReference: Equatable, Sendable {
  /// A 0-based column index.
  case index(Int)
  /// A neuron name from the manifest.
  case name(String)
}
