/// libFuzzer target: the graph reader (`graph.json`): nodes, edges, cycles, groups.
@testable import ActivisCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraph(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  readOrRefuse {
    let graph = try GraphReader.read(UnsafeRawBufferPointer(start: data, count: count), file: "fuzz/graph.json")
    precondition(graph.edges.allSatisfy { $0.from < graph.nodes.count && $0.to < graph.nodes.count },
                 "edges join nodes of the graph")
  }
  return 0
}
