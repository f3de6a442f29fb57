#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a parsed table to a cache file atomically: into a temporary file
/// in the same directory, renamed over the cache file once complete.
struct InstanceCacheWriter {
  /// Why a cache file could not be written.
  struct Failure: Error {
    var reason: String
  }

  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var hash = CacheHash.Words()
  private var payloadLength = 0
  private var failure: String?

  /// Writes `table` (with its classes and warning messages) under `key` to
  /// `path`.
  static func store(_ table: InstanceTable, classes: [String], warnings: [String], key: InstanceCacheKey,
                    to path: String) throws(Failure) {
    let temporary = path + ".\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw Failure(reason: MappedFile.reason(errno)) }
    var writer = InstanceCacheWriter(descriptor: descriptor)
    writer.writeFile(table, classes: classes, warnings: warnings, key: key)
    if close(descriptor) != 0 && writer.failure == nil { writer.failure = MappedFile.reason(errno) }
    if writer.failure == nil && rename(temporary, path) != 0 { writer.failure = MappedFile.reason(errno) }
    if let reason = writer.failure {
      unlink(temporary)
      throw Failure(reason: reason)
    }
  }

  private init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  private mutating func writeFile(_ table: InstanceTable, classes: [String], warnings: [String],
                                  key: InstanceCacheKey) {
    // The header is written again at the end, with the payload's length and hash.
    let keyBytes = Array(key.text.utf8)
    let headerLength = InstanceCacheFormat.headerSize + keyBytes.count + InstanceCacheFormat.padding(keyBytes.count)
    emit([UInt8](repeating: 0, count: headerLength))
    flush()
    hash = CacheHash.Words()
    payloadLength = 0
    writePayload(table, classes: classes, warnings: warnings)
    flush()
    let header: [UInt64] = [InstanceCacheFormat.magic, InstanceCacheFormat.version, UInt64(keyBytes.count),
                            UInt64(payloadLength), hash.value]
    var headerBytes = header.withUnsafeBytes { Array($0) }
    headerBytes += keyBytes + [UInt8](repeating: 0, count: InstanceCacheFormat.padding(keyBytes.count))
    guard failure == nil else { return }
    let written = headerBytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    if written != headerBytes.count { failure = MappedFile.reason(errno) }
  }

  private mutating func writePayload(_ table: InstanceTable, classes: [String], warnings: [String]) {
    integer(table.count)
    strings(classes)
    strings(warnings)
    array(table.ids)
    integer(table.text == nil ? 0 : 1)
    if let text = table.text {
      array(text.utf8)
      array(text.offsets)
    }
    for codes in [table.labels, table.predicted] {
      integer(codes == nil ? 0 : 1)
      if let codes { array(codes) }
    }
    integer(table.scores.count)
    for score in table.scores {
      string(score.className)
      array(score.values)
    }
    integer(table.attributes.count)
    for attribute in table.attributes {
      string(attribute.name)
      switch attribute.values {
      case .numeric(let values):
        integer(Int(InstanceCacheFormat.numericKind))
        array(values)
      case .categorical(let codes, let categories):
        integer(Int(InstanceCacheFormat.categoricalKind))
        array(codes)
        strings(categories)
      }
    }
  }

  private mutating func integer(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { emit($0) }
  }

  private mutating func string(_ text: String) { array(Array(text.utf8)) }

  private mutating func strings(_ texts: [String]) {
    integer(texts.count)
    for text in texts { string(text) }
  }

  /// An element count, then the elements' bytes padded to a whole word.
  private mutating func array<Element>(_ values: [Element]) {
    integer(values.count)
    values.withUnsafeBytes { bytes in
      let whole = bytes.count - bytes.count % 8
      if whole >= 1 << 16 {
        flush()
        put(UnsafeRawBufferPointer(rebasing: bytes[0 ..< whole]))
        emit(UnsafeRawBufferPointer(rebasing: bytes[whole...]))
      } else {
        emit(bytes)
      }
    }
    emit([UInt8](repeating: 0, count: InstanceCacheFormat.padding(values.count * MemoryLayout<Element>.stride)))
  }

  private mutating func emit<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 && buffer.count % 8 == 0 { flush() }
  }

  private mutating func flush() {
    let pending = buffer
    buffer.removeAll(keepingCapacity: true)
    pending.withUnsafeBytes { put($0) }
  }

  /// Writes whole words of the payload (or the header) and hashes them.
  private mutating func put(_ bytes: UnsafeRawBufferPointer) {
    guard failure == nil, !bytes.isEmpty, let base = bytes.baseAddress else { return }
    hash.add(bytes)
    payloadLength += bytes.count
    var done = 0
    while done < bytes.count {
      let count = write(descriptor, base + done, bytes.count - done)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        failure = count == 0 ? "no space written" : MappedFile.reason(errno)
        return
      }
      done += count
    }
  }
}
