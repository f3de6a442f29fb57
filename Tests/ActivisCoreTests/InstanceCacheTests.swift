import ActivisTestSupport
import Foundation
import Testing

@testable import ActivisCore

/// A bundle of three instances and a cache directory, both removed after.
private final class CachedBundle {
  let bundle: TestBundle
  let cacheDirectory: String
  let cache: InstanceCache

  init(csv: String = CachedBundle.csv, classes: [String]? = nil) throws {
    bundle = try TestBundle()
    cacheDirectory = bundle.path + "-cache"
    cache = InstanceCache(directory: cacheDirectory + "/activis")
    try bundle.writeManifest(TestManifest(classes: classes))
    try bundle.writeBytes("instances.csv", CachedBundle.bytes(csv))
  }

  /// The bytes of `csv`, with each U+0001 turned into the invalid UTF-8 byte 0xFF.
  static func bytes(_ csv: String) -> [UInt8] { csv.utf8.map { $0 == 0x01 ? 0xFF : $0 } }

  deinit {
    bundle.remove()
    try? FileManager.default.removeItem(atPath: cacheDirectory)
  }

  /// id, text (one invalid UTF-8 byte on line 3), label, score, a categorical attribute.
  static let csv = "id,text,label,score:a,kind\n4,\"x, y\",a,0.5,p\n9,b\u{1}c,b,,q\n2,,a,1e-3,p\n"

  func open() throws -> ActivationBundle { try ActivationBundle.open(bundle.path, cache: cache) }

  /// The one cache file.
  var cacheFile: String {
    get throws {
      let names = try FileManager.default.contentsOfDirectory(atPath: cache.directory)
      #expect(names.count == 1, "one cache file: \(names)")
      return cache.directory + "/" + (names.first ?? "")
    }
  }

  /// Checks the table read from `CachedBundle.csv`, values written out by hand.
  static func expectOriginal(_ opened: ActivationBundle) {
    let table = opened.instances
    #expect(table.ids == [4, 9, 2])
    #expect((0 ..< 3).map { table.text?.string(at: $0) } == ["x, y", "b\u{FFFD}c", ""])
    #expect(opened.classes == ["a", "b"])
    #expect(table.labels == [0, 1, 0])
    let scores = table.scores[0].values
    #expect(scores[0] == 0.5 && scores[1].isNaN && scores[2] == 0.001)
    guard case .categorical(let codes, let categories) = table.attributes[0].values else {
      Issue.record("kind is categorical")
      return
    }
    #expect(categories == ["p", "q"] && codes == [0, 1, 0])
    #expect(table.row(ofID: 9) == 1)
  }
}

/// Replaces `instances.csv` in place with `text` of the same size, keeping
/// its modification time to the nanosecond.
private func rewriteKeepingTime(_ path: String, _ bytes: [UInt8]) throws {
  var info = stat()
  #expect(stat(path, &info) == 0)
  #expect(bytes.count == Int(info.st_size), "same size")
  let handle = try #require(FileHandle(forWritingAtPath: path))
  try handle.write(contentsOf: Data(bytes))
  try handle.close()
  var times = [info.st_atim, info.st_mtim]
  #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
  var after = stat()
  #expect(stat(path, &after) == 0)
  #expect(after.st_mtim.tv_sec == info.st_mtim.tv_sec && after.st_mtim.tv_nsec == info.st_mtim.tv_nsec)
}

@Suite struct InstanceCacheTests {
  @Test func aSecondOpenReadsTheCachedTable() throws {
    let fixture = try CachedBundle()
    let first = try fixture.open()
    let file = try fixture.cacheFile
    #expect(first.instanceSource == .parsedAndCached(file))
    CachedBundle.expectOriginal(first)
    let second = try fixture.open()
    #expect(second.instanceSource == .cached(file))
    CachedBundle.expectOriginal(second)
    #expect(second.warnings == first.warnings)
    #expect(second.warnings.map(\.description) == [
      fixture.bundle.path + "/instances.csv: warning: replaced 1 byte that is not valid UTF-8 with U+FFFD "
        + "(the first on line 3, column 4)",
    ])
    #expect(try ActivationBundle.open(fixture.bundle.path).instanceSource == .parsed)
  }

  @Test func corruptOrTruncatedCacheFilesAreIgnoredAndRebuilt() throws {
    let corruptions: [(String, (inout [UInt8]) -> Void)] = [
      ("empty", { $0 = [] }),
      ("ten bytes", { $0 = Array($0.prefix(10)) }),
      ("half", { $0 = Array($0.prefix($0.count / 2)) }),
      ("one byte short", { $0.removeLast() }),
      ("one byte more", { $0.append(0) }),
      ("magic", { $0[0] ^= 0x01 }),
      ("version 99", { $0[8] = 99 }),
      ("key length", { $0[16] ^= 0x04 }),
      ("payload length", { $0[24] ^= 0x08 }),
      ("payload hash", { $0[32] ^= 0x10 }),
      ("key text", { $0[44] ^= 0x20 }),
      ("three quarters in", { $0[$0.count * 3 / 4] ^= 0x01 }),
      ("middle", { $0[$0.count / 2 + 40] ^= 0x40 }),
      ("last byte", { $0[$0.count - 1] ^= 0x80 }),
    ]
    for (name, corrupt) in corruptions {
      let fixture = try CachedBundle()
      _ = try fixture.open()
      let file = try fixture.cacheFile
      var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
      corrupt(&bytes)
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      let reopened = try fixture.open()
      #expect(reopened.instanceSource == .parsedAndCached(file), "\(name)")
      CachedBundle.expectOriginal(reopened)
      #expect(try fixture.open().instanceSource == .cached(file), "rebuilt after \(name)")
    }
  }

  @Test func aRewrittenFileOfTheSameSizeAndTimeIsParsedAgain() throws {
    let fixture = try CachedBundle()
    _ = try fixture.open()
    let csvPath = fixture.bundle.path("instances.csv")
    let changed = CachedBundle.csv.replacingOccurrences(of: "9,b", with: "7,b")
    try rewriteKeepingTime(csvPath, CachedBundle.bytes(changed))
    let reopened = try fixture.open()
    #expect(reopened.instanceSource == .parsedAndCached(try fixture.cacheFile))
    #expect(reopened.instances.ids == [4, 7, 2])
  }

  @Test func anotherSizeOrOtherManifestClassesAreParsedAgain() throws {
    let fixture = try CachedBundle()
    _ = try fixture.open()
    try fixture.bundle.writeBytes("instances.csv", CachedBundle.bytes(CachedBundle.csv + "5,more,b,0.25,q\n"))
    let grown = try fixture.open()
    #expect(grown.instanceSource == .parsedAndCached(try fixture.cacheFile))
    #expect(grown.instances.ids == [4, 9, 2, 5])
    try fixture.bundle.writeManifest(TestManifest(classes: ["b", "a"]))
    let reordered = try fixture.open()
    #expect(reordered.instanceSource == .parsedAndCached(try fixture.cacheFile))
    #expect(reordered.classes == ["b", "a"])
    #expect(reordered.instances.labels == [1, 0, 1, 0])
    #expect(try fixture.open().instanceSource == .cached(try fixture.cacheFile))
  }

  @Test func anUnwritableCacheDirectoryOnlyCostsTime() throws {
    let fixture = try CachedBundle()
    // A regular file where the cache directory's parent should be.
    try Data("x".utf8).write(to: URL(fileURLWithPath: fixture.cacheDirectory))
    let opened = try fixture.open()
    guard case .parsedCacheUnwritable(let reason) = opened.instanceSource else {
      Issue.record("expected an unwritable cache, got \(opened.instanceSource)")
      return
    }
    #expect(reason.contains("not a directory"), "\(reason)")
    CachedBundle.expectOriginal(opened)
  }

  @Test func refusedFilesAreRefusedAlikeAndNotCached() throws {
    let fixture = try CachedBundle(csv: "id,label\n1,a\n1,b\n")
    let error = #expect(throws: BundleError.self) { try fixture.open() }
    #expect(error?.line == 3 && error?.message == "duplicate id 1 (already on line 2)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: fixture.cache.directory)) ?? []
    #expect(names.isEmpty)
  }

  @Test func theEnvironmentNamesTheCacheDirectory() {
    #expect(InstanceCache.fromEnvironment(["HOME": "/home/u"])
      == InstanceCache(directory: "/home/u/.cache/activis", displayDirectory: "~/.cache/activis"))
    #expect(InstanceCache.fromEnvironment(["HOME": "/home/u", "XDG_CACHE_HOME": "/var/c"])
      == InstanceCache(directory: "/var/c/activis"))
    #expect(InstanceCache.fromEnvironment(["HOME": "/home/u", "XDG_CACHE_HOME": "/home/u/c"])
      == InstanceCache(directory: "/home/u/c/activis", displayDirectory: "~/c/activis"))
    // The XDG specification ignores a relative path.
    #expect(InstanceCache.fromEnvironment(["HOME": "/home/u", "XDG_CACHE_HOME": "rel"])?.directory
      == "/home/u/.cache/activis")
    #expect(InstanceCache.fromEnvironment(["HOME": "/home/u", "ACTIVIS_CACHE": "off"]) == nil)
    #expect(InstanceCache.fromEnvironment(["HOME": "/home/u", "ACTIVIS_CACHE": "OFF"]) == nil)
    #expect(InstanceCache.fromEnvironment(["HOME": "/home/u", "ACTIVIS_CACHE": "on"]) != nil)
    #expect(InstanceCache.fromEnvironment([:]) == nil)
  }

  @Test func theKeyHashesTheFirstAndLastBlocks() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    let size = 3 * InstanceCacheKey.blockSize
    var bytes = [UInt8](repeating: 0x61, count: size)
    func hashes() throws -> Substring {
      try bundle.writeBytes("f.csv", bytes)
      let file = try MappedFile(path: bundle.path("f.csv"), displayName: "f.csv")
      let key = InstanceCacheKey(path: bundle.path("f.csv"), file: file, classes: nil)
      return try #require(key.text.split(separator: "\n").first { $0.hasPrefix("head ") })
    }
    let original = try hashes()
    bytes[0] = 0x62
    let head = try hashes()
    bytes[0] = 0x61
    bytes[size - 1] = 0x62
    let tail = try hashes()
    bytes[size - 1] = 0x61
    bytes[size / 2] = 0x62  // between the blocks: the change time tells
    let middle = try hashes()
    let parts = { (line: Substring) in line.split(separator: " ") }
    #expect(parts(head)[1] != parts(original)[1] && parts(head)[3] == parts(original)[3])
    #expect(parts(tail)[1] == parts(original)[1] && parts(tail)[3] != parts(original)[3])
    #expect(middle == original)
  }

  @Test func thePayloadHashIsTheSameStreamedInPiecesOrCheckedInParallel() {
    let blocks = CacheHash.Words.blockBytes
    var generator = SplitMix64(seed: 5)
    var payload = (0 ..< (3 * blocks + 4096) / 8).map { _ in generator.next() }
    func streamed(pieces: [Int]) -> UInt64 {
      payload.withUnsafeBytes { bytes in
        var hash = CacheHash.Words()
        var offset = 0
        var piece = 0
        while offset < bytes.count {
          let take = Swift.min(pieces[piece % pieces.count] * 8, bytes.count - offset)
          hash.add(UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + take]))
          offset += take
          piece += 1
        }
        return hash.value
      }
    }
    let parallel = { (threads: Int) in payload.withUnsafeBytes { CacheHash.Words.parallel($0, threads: threads) } }
    let whole = streamed(pieces: [payload.count])
    #expect(streamed(pieces: [1, 7, 1000, 65_536, 3]) == whole)
    #expect(parallel(1) == whole && parallel(2) == whole && parallel(3) == whole)
    payload[(2 * blocks + 100) / 8] ^= 1 << 40
    #expect(parallel(2) != whole && streamed(pieces: [513]) == parallel(2))
  }
}
