/// Projections already computed in this session.
final class ProjectionCache {
  struct Key: Hashable {
    /// The layer's identity within the workspace's bundle.
    var layer: ObjectIdentifier
    var rows: [Int]
    var settings: ProjectionSettings
  }
  struct Entry {
    /// The instances placed (rows of the bundle), in order.
    var rows: [Int]
    /// x, y of each, interleaved.
    var coordinates: [Float]
    var notes: [String]
  }
  private var entries: [Key: Entry] = [:]
  func value(for key: Key) -> Entry? { entries[key] }
  func store(_ entry: Entry, for key: Key) { entries[key] = entry }
}
