extension ModelGraph {
  /// Every group path of the graph — each prefix of each node's `group`
  /// (`encoder`, `encoder/conv3`) — sorted.
  public var groupPaths: [String] {
    var paths = Set<String>()
    for node in nodes {
      guard let group = node.group else { continue }
      let parts = group.split(separator: "/", omittingEmptySubsequences: true)
      for end in parts.indices { paths.insert(parts[...end].joined(separator: "/")) }
    }
    return paths.sorted()
  }
}
