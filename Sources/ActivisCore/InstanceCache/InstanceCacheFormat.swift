/// The layout of a parsed-table cache file (all integers little-endian):
///
///     magic "AVTABLE\0"  version  key length  payload length  payload hash
///     key text, padded to 8 bytes
///     payload: row count; classes; warnings; ids; text (flag, bytes,
///     offsets); labels (flag, codes); predicted (flag, codes); scores
///     (count, then name and values each); attributes (count, then name,
///     kind and values each)
///
/// Every array is its element count then its bytes padded to 8 bytes, every
/// string a byte array, every list a count then its items. The payload hash
/// (`CacheHash.Words`) covers every payload byte, so a flipped byte or a
/// truncated file is noticed before anything is decoded.
enum InstanceCacheFormat {
  /// Bumped whenever the layout or the meaning of a field changes.
  static let version: UInt64 = 1
  /// `AVTABLE\0` read as a little-endian integer.
  static let magic: UInt64 = 0x0045_4C42_4154_5641
  /// Magic, version, key length, payload length, payload hash.
  static let headerSize = 40

  /// Bytes of padding after `count` bytes to reach a multiple of 8.
  static func padding(_ count: Int) -> Int { (8 - count % 8) % 8 }

  /// Attribute kinds.
  static let numericKind: Int64 = 0
  static let categoricalKind: Int64 = 1
}
