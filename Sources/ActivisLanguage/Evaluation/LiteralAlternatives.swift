#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular expression that is only plain characters, groups and
/// alternatives, as the texts it matches: `^How (many|much)` matches the
/// texts that start with "How many" or "How much", `city|town` those that
/// contain either. Such patterns are matched by comparing bytes, which gives
/// what ICU gives (case-sensitive, `^` at the start of the text only) without
/// running it on every text.
struct LiteralAlternatives {
  /// One way to match: these UTF-8 bytes, at the start of the text when
  /// `anchored`, anywhere otherwise.
  struct Alternative: Equatable {
    var bytes: [UInt8]
    var anchored: Bool
  }

  /// The ways to match; a text matches when one of them does.
  let alternatives: [Alternative]

  /// The most alternatives a pattern expands to before ICU is left to it.
  static let limit = 64

  /// Characters that mean something in a pattern; escaped, they are plain.
  private static let special: Set<Unicode.Scalar> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]",
                                                      "{", "}", "#"]

  /// The alternatives of `pattern`, or nil when it holds anything but plain
  /// characters, escaped special characters, groups (`(…)`, `(?:…)`),
  /// `|`, and `^` at the start of a top-level alternative; or expands to
  /// more than `limit` alternatives.
  init?(pattern: String) {
    var parser = Parser(scalars: Array(pattern.unicodeScalars))
    guard let alternatives = parser.alternation(topLevel: true), parser.atEnd else { return nil }
    self.alternatives = alternatives
  }

  /// Whether the `count` bytes at `text` match.
  func matches(_ text: UnsafePointer<UInt8>, count: Int) -> Bool {
    alternatives.contains { alternative in
      alternative.bytes.withUnsafeBufferPointer { wanted in
        guard let base = wanted.baseAddress, wanted.count > 0 else { return true }
        guard count >= wanted.count else { return false }
        return alternative.anchored
          ? memcmp(text, base, wanted.count) == 0
          : ByteSearch.contains(text, count: count, base, count: wanted.count)
      }
    }
  }

  /// Reads a pattern, expanding groups into the alternatives they allow.
  private struct Parser {
    let scalars: [Unicode.Scalar]
    var index = 0

    var atEnd: Bool { index == scalars.count }

    /// `sequence ('|' sequence)*`.
    mutating func alternation(topLevel: Bool) -> [Alternative]? {
      guard var all = sequence(topLevel: topLevel) else { return nil }
      while index < scalars.count && scalars[index] == "|" {
        index += 1
        guard let more = sequence(topLevel: topLevel) else { return nil }
        all += more
        guard all.count <= LiteralAlternatives.limit else { return nil }
      }
      return all
    }

    /// Plain characters and groups up to `|`, `)` or the end.
    mutating func sequence(topLevel: Bool) -> [Alternative]? {
      var anchored = false
      if topLevel && index < scalars.count && scalars[index] == "^" {
        anchored = true
        index += 1
      }
      var all = [Alternative(bytes: [], anchored: anchored)]
      while index < scalars.count && scalars[index] != "|" && scalars[index] != ")" {
        guard let next = item() else { return nil }
        guard all.count * next.count <= LiteralAlternatives.limit else { return nil }
        all = all.flatMap { head in next.map { Alternative(bytes: head.bytes + $0, anchored: head.anchored) } }
      }
      return all
    }

    /// One plain or escaped character, or a group, not repeated: the byte
    /// strings it allows.
    mutating func item() -> [[UInt8]]? {
      guard let strings = unrepeatedItem() else { return nil }
      let quantifiers: Set<Unicode.Scalar> = ["?", "*", "+", "{"]
      guard index == scalars.count || !quantifiers.contains(scalars[index]) else { return nil }
      return strings
    }

    private mutating func unrepeatedItem() -> [[UInt8]]? {
      let scalar = scalars[index]
      index += 1
      switch scalar {
      case "\\":
        guard index < scalars.count, LiteralAlternatives.special.contains(scalars[index]) || scalars[index] == " "
        else { return nil }
        index += 1
        return [Array(String(scalars[index - 1]).utf8)]
      case "(":
        if index + 1 < scalars.count && scalars[index] == "?" {
          guard scalars[index + 1] == ":" else { return nil }
          index += 2
        }
        guard let inner = alternation(topLevel: false), index < scalars.count, scalars[index] == ")" else {
          return nil
        }
        index += 1
        return inner.map(\.bytes)
      default:
        guard !LiteralAlternatives.special.contains(scalar) else { return nil }
        return [Array(String(scalar).utf8)]
      }
    }
  }
}
