import ActivisCore

/// Generated model graphs of realistic shape, for tests and benchmarks:
/// a word-level CNN (Kim 2014), Transformer encoders, ResNets and
/// Inception-style fan-out/fan-in, as a torch.fx export would describe them
/// (operators and their output tensors, module paths as groups, shapes).
package enum SyntheticGraphs {
  /// Builds a graph one operator at a time; every operator gets one output
  /// data node named `<operator>_out`.
  package struct Builder {
    package private(set) var nodes: [ModelGraph.Node] = []
    private var used: [String: Int] = [:]

    package init() {}

    /// Adds an input (data) node and returns its id.
    @discardableResult
    package mutating func input(_ name: String, shape: [Int?], group: String? = nil) -> String {
      let id = unique(name)
      nodes.append(.init(id: id, kind: .data, shape: shape, group: group))
      return id
    }

    /// Adds an operator reading `inputs`, and its output tensor; returns the
    /// output's id.
    @discardableResult
    package mutating func op(
      _ op: String, _ name: String, group: String?, inputs: [String], shape: [Int?],
      attributes: [(key: String, value: JSONValue)] = []
    ) -> String {
      let prefix = group.map { $0.split(separator: "/").joined(separator: "_") + "_" } ?? ""
      let id = unique(prefix + name)
      let output = unique(id + "_out")
      nodes.append(.init(
        id: id, kind: .operator, op: op, group: group, attributes: attributes, inputs: inputs,
        outputs: [output]))
      nodes.append(.init(id: output, kind: .data, shape: shape, group: group))
      return output
    }

    private mutating func unique(_ name: String) -> String {
      let count = used[name, default: 0]
      used[name] = count + 1
      return count == 0 ? name : "\(name)_\(count)"
    }

    /// The graph (the builder only makes valid graphs).
    package func graph() -> ModelGraph {
      do {
        return try ModelGraph(nodes: nodes, file: "synthetic")
      } catch {
        preconditionFailure("synthetic graph is invalid: \(error)")
      }
    }
  }

  /// A word-level CNN for sentence classification in the manner of Kim
  /// (2014): embedding, parallel convolutions of widths 3, 4 and 5 with ReLU
  /// and max-over-time pooling, concatenation, dropout, a linear classifier.
  /// 26 nodes; the concatenation's output is `concat_out`.
  package static func wordCNN(classes: Int = 6) -> ModelGraph {
    var b = Builder()
    let tokens = b.input("tokens", shape: [nil, 37])
    let embedded = b.op(
      "Embedding", "embedding", group: "embedding", inputs: [tokens], shape: [nil, 37, 300],
      attributes: [("num_embeddings", .number(9_000)), ("embedding_dim", .number(300))])
    let transposed = b.op("transpose", "transpose", group: nil, inputs: [embedded],
                          shape: [nil, 300, 37])
    var pooled: [String] = []
    for width in [3, 4, 5] {
      let group = "convs/\(width - 3)"
      let conv = b.op(
        "Conv1d", "conv", group: group, inputs: [transposed], shape: [nil, 100, 38 - width],
        attributes: [("kernel_size", .number(Double(width))), ("out_channels", .number(100))])
      let relu = b.op("relu", "relu", group: group, inputs: [conv], shape: [nil, 100, 38 - width])
      pooled.append(b.op("max_pool1d", "pool", group: group, inputs: [relu], shape: [nil, 100]))
    }
    let concat = b.op("cat", "concat", group: nil, inputs: pooled, shape: [nil, 300],
                      attributes: [("dim", .number(1))])
    let dropped = b.op("Dropout", "dropout", group: "dropout", inputs: [concat], shape: [nil, 300],
                       attributes: [("p", .number(0.5))])
    let logits = b.op("Linear", "fc", group: "fc", inputs: [dropped], shape: [nil, classes])
    b.op("softmax", "softmax", group: nil, inputs: [logits], shape: [nil, classes])
    return b.graph()
  }

  /// A Transformer encoder classifier: token and position embeddings, then
  /// `blocks` post-norm blocks (multi-head attention with q/k/v projections,
  /// residual add and LayerNorm, a GELU feed-forward, residual add and
  /// LayerNorm), mean pooling and a linear head. 40 nodes per block.
  package static func transformerEncoder(
    blocks: Int, tokens length: Int = 64, width: Int = 256
  ) -> ModelGraph {
    var b = Builder()
    let ids = b.input("input_ids", shape: [nil, length])
    let positions = b.input("position_ids", shape: [1, length])
    let token = b.op("Embedding", "token", group: "embeddings", inputs: [ids],
                     shape: [nil, length, width])
    let position = b.op("Embedding", "position", group: "embeddings", inputs: [positions],
                        shape: [1, length, width])
    let summed = b.op("add", "add", group: "embeddings", inputs: [token, position],
                      shape: [nil, length, width])
    var x = b.op("LayerNorm", "norm", group: "embeddings", inputs: [summed],
                 shape: [nil, length, width])
    let heads = 8
    for index in 0 ..< blocks {
      let block = "encoder/layers/\(index)"
      let attention = block + "/self_attn"
      let hidden: [Int?] = [nil, length, width]
      let q = b.op("Linear", "q_proj", group: attention, inputs: [x], shape: hidden)
      let k = b.op("Linear", "k_proj", group: attention, inputs: [x], shape: hidden)
      let v = b.op("Linear", "v_proj", group: attention, inputs: [x], shape: hidden)
      let split: [Int?] = [nil, heads, length, width / heads]
      let qh = b.op("view", "q_heads", group: attention, inputs: [q], shape: split)
      let kh = b.op("view", "k_heads", group: attention, inputs: [k], shape: split)
      let vh = b.op("view", "v_heads", group: attention, inputs: [v], shape: split)
      let kt = b.op("transpose", "k_t", group: attention, inputs: [kh],
                    shape: [nil, heads, width / heads, length])
      let scores = b.op("matmul", "scores", group: attention, inputs: [qh, kt],
                        shape: [nil, heads, length, length])
      let scaled = b.op("div", "scale", group: attention, inputs: [scores],
                        shape: [nil, heads, length, length])
      let weights = b.op("softmax", "softmax", group: attention, inputs: [scaled],
                         shape: [nil, heads, length, length])
      let context = b.op("matmul", "context", group: attention, inputs: [weights, vh], shape: split)
      let merged = b.op("reshape", "merge_heads", group: attention, inputs: [context],
                        shape: hidden)
      let projected = b.op("Linear", "out_proj", group: attention, inputs: [merged], shape: hidden)
      let residual = b.op("add", "add", group: block, inputs: [x, projected], shape: hidden)
      let normed = b.op("LayerNorm", "norm1", group: block, inputs: [residual], shape: hidden)
      let ffn = block + "/ffn"
      let up = b.op("Linear", "fc1", group: ffn, inputs: [normed], shape: [nil, length, 4 * width])
      let gelu = b.op("gelu", "gelu", group: ffn, inputs: [up], shape: [nil, length, 4 * width])
      let down = b.op("Linear", "fc2", group: ffn, inputs: [gelu], shape: hidden)
      let residual2 = b.op("add", "add_1", group: block, inputs: [normed, down], shape: hidden)
      x = b.op("LayerNorm", "norm2", group: block, inputs: [residual2], shape: hidden)
    }
    let pooled = b.op("mean", "pool", group: "pooler", inputs: [x], shape: [nil, width])
    let logits = b.op("Linear", "classifier", group: "head", inputs: [pooled], shape: [nil, 6])
    b.op("softmax", "softmax", group: "head", inputs: [logits], shape: [nil, 6])
    return b.graph()
  }

  /// A Transformer encoder with about `nodes` nodes (at least one block).
  package static func transformerEncoder(approximateNodes nodes: Int) -> ModelGraph {
    transformerEncoder(blocks: max(1, (nodes - 16) / 40))
  }

  /// A ResNet for 32×32 images: a stem, `stages` stages of `blocksPerStage`
  /// basic blocks (conv-bn-relu-conv-bn, plus a 1×1 conv-bn shortcut where
  /// the shape changes, residual add, relu), pooling and a linear head.
  package static func resnet(stages: Int = 3, blocksPerStage: Int = 2) -> ModelGraph {
    var b = Builder()
    var channels = 16
    var size = 32
    let image = b.input("image", shape: [nil, 3, size, size])
    var x = b.op("Conv2d", "conv1", group: "stem", inputs: [image],
                 shape: [nil, channels, size, size])
    x = b.op("BatchNorm2d", "bn1", group: "stem", inputs: [x], shape: [nil, channels, size, size])
    x = b.op("relu", "relu", group: "stem", inputs: [x], shape: [nil, channels, size, size])
    for stage in 0 ..< stages {
      for index in 0 ..< blocksPerStage {
        let group = "layer\(stage + 1)/\(index)"
        let downsample = stage > 0 && index == 0
        if downsample {
          channels *= 2
          size /= 2
        }
        let shape: [Int?] = [nil, channels, size, size]
        var y = b.op("Conv2d", "conv1", group: group, inputs: [x], shape: shape,
                     attributes: [("kernel_size", .number(3)),
                                  ("stride", .number(downsample ? 2 : 1))])
        y = b.op("BatchNorm2d", "bn1", group: group, inputs: [y], shape: shape)
        y = b.op("relu", "relu", group: group, inputs: [y], shape: shape)
        y = b.op("Conv2d", "conv2", group: group, inputs: [y], shape: shape,
                 attributes: [("kernel_size", .number(3))])
        y = b.op("BatchNorm2d", "bn2", group: group, inputs: [y], shape: shape)
        var shortcut = x
        if downsample {
          shortcut = b.op("Conv2d", "conv", group: group + "/downsample", inputs: [x], shape: shape,
                          attributes: [("kernel_size", .number(1)), ("stride", .number(2))])
          shortcut = b.op("BatchNorm2d", "bn", group: group + "/downsample", inputs: [shortcut],
                          shape: shape)
        }
        let sum = b.op("add", "add", group: group, inputs: [y, shortcut], shape: shape)
        x = b.op("relu", "relu_1", group: group, inputs: [sum], shape: shape)
      }
    }
    let pooled = b.op("AdaptiveAvgPool2d", "avgpool", group: "avgpool", inputs: [x],
                      shape: [nil, channels, 1, 1])
    let flat = b.op("flatten", "flatten", group: nil, inputs: [pooled], shape: [nil, channels])
    b.op("Linear", "fc", group: "fc", inputs: [flat], shape: [nil, 10])
    return b.graph()
  }

  /// `modules` Inception-style modules in a row: four branches (1×1; 1×1 then
  /// 3×3; 1×1 then 5×5; 3×3 max-pool then 1×1) concatenated.
  package static func inception(modules: Int = 2) -> ModelGraph {
    var b = Builder()
    var channels = 64
    var x = b.input("image", shape: [nil, 3, 28, 28])
    x = b.op("Conv2d", "conv", group: "stem", inputs: [x], shape: [nil, channels, 28, 28])
    for index in 0 ..< modules {
      let group = "inception\(index + 1)"
      let shape: [Int?] = [nil, channels / 4, 28, 28]
      let one = b.op("Conv2d", "branch1x1", group: group + "/branch1", inputs: [x], shape: shape)
      var three = b.op("Conv2d", "reduce", group: group + "/branch3", inputs: [x], shape: shape)
      three = b.op("Conv2d", "conv3x3", group: group + "/branch3", inputs: [three], shape: shape)
      var five = b.op("Conv2d", "reduce", group: group + "/branch5", inputs: [x], shape: shape)
      five = b.op("Conv2d", "conv5x5", group: group + "/branch5", inputs: [five], shape: shape)
      var pool = b.op("max_pool2d", "pool", group: group + "/branch_pool", inputs: [x],
                      shape: [nil, channels, 28, 28])
      pool = b.op("Conv2d", "proj", group: group + "/branch_pool", inputs: [pool], shape: shape)
      channels = channels / 4 * 4
      x = b.op("cat", "concat", group: group, inputs: [one, three, five, pool],
               shape: [nil, channels, 28, 28])
    }
    let pooled = b.op("AdaptiveAvgPool2d", "avgpool", group: "head", inputs: [x],
                      shape: [nil, channels, 1, 1])
    b.op("Linear", "fc", group: "head", inputs: [pooled], shape: [nil, 10])
    return b.graph()
  }
}
