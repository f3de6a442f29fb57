import Foundation
import Testing

@testable import ActivisCore

/// The cache directory kept within its size: the tables used least recently
/// go first, the one just written stays, old temporary files go.
@Suite struct InstanceCacheTrimmingTests {
  /// A file of `bytes` bytes in `directory`, last modified `age` seconds ago.
  private static func write(_ name: String, bytes: Int, age: Int, in directory: String) throws -> String {
    let path = directory + "/" + name
    try Data(repeating: 7, count: bytes).write(to: URL(fileURLWithPath: path))
    let then = timespec(tv_sec: time(nil) - age, tv_nsec: 0)
    var times = [then, then]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    return path
  }

  private static func names(in directory: String) throws -> Set<String> {
    Set(try FileManager.default.contentsOfDirectory(atPath: directory))
  }

  @Test func leastRecentlyUsedTablesGoFirst() throws {
    let directory = NSTemporaryDirectory() + "activis-trim-\(getpid())-\(UInt32.random(in: 0 ... .max))"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    _ = try Self.write("instances-a.table", bytes: 400, age: 500, in: directory)
    _ = try Self.write("instances-b.table", bytes: 300, age: 100, in: directory)
    let c = try Self.write("instances-c.table", bytes: 200, age: 300, in: directory)
    let newest = try Self.write("instances-d.table", bytes: 100, age: 0, in: directory)
    _ = try Self.write("instances-e.table.41.tmp", bytes: 50, age: 7_200, in: directory)
    _ = try Self.write("instances-f.table.42.tmp", bytes: 50, age: 10, in: directory)
    _ = try Self.write("notes.txt", bytes: 5_000, age: 9_000, in: directory)
    // 1,000 bytes of tables, limit 650: a (oldest, 400) goes, leaving 600.
    InstanceCacheTrimming.trim(directory, limit: 650, keeping: newest)
    #expect(try Self.names(in: directory) == ["instances-b.table", "instances-c.table", "instances-d.table",
                                              "instances-f.table.42.tmp", "notes.txt"])
    // Using c makes b the least recently used: b goes at a limit of 350.
    InstanceCacheTrimming.touch(c)
    InstanceCacheTrimming.trim(directory, limit: 350, keeping: newest)
    #expect(try Self.names(in: directory) == ["instances-c.table", "instances-d.table",
                                              "instances-f.table.42.tmp", "notes.txt"])
    // The table just written stays even when it alone is over the limit.
    InstanceCacheTrimming.trim(directory, limit: 10, keeping: newest)
    #expect(try Self.names(in: directory) == ["instances-d.table", "instances-f.table.42.tmp", "notes.txt"])
  }
}
