import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The pixels of a PNG file as 8-bit RGBA, decoded for tests: zlib's
/// `uncompress` (loaded at run time, the test target links no zlib) and the
/// PNG scanline filters. Handles 8-bit RGB and RGBA, not interlaced: what
/// `rsvg-convert` writes.
struct PNGPixels {
  let width: Int
  let height: Int
  /// RGBA, row by row.
  let rgba: [UInt8]

  enum Failure: Error { case notPNG, unsupported(String), zlib(String) }

  /// The colour at a pixel.
  func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
    let offset = (y * width + x) * 4
    return (rgba[offset], rgba[offset + 1], rgba[offset + 2])
  }

  /// The mean brightness (0 black … 255 white) of a small square of pixels.
  func brightness(x: Double, y: Double, radius: Int = 1) -> Double {
    let cx = Int(x.rounded(.down)), cy = Int(y.rounded(.down))
    var total = 0.0, count = 0.0
    for py in Swift.max(0, cy - radius) ... Swift.min(height - 1, cy + radius) {
      for px in Swift.max(0, cx - radius) ... Swift.min(width - 1, cx + radius) {
        let (r, g, b) = pixel(x: px, y: py)
        total += (Double(r) + Double(g) + Double(b)) / 3
        count += 1
      }
    }
    return total / count
  }

  init(contentsOf url: URL) throws {
    let bytes = [UInt8](try Data(contentsOf: url))
    guard bytes.count > 8, bytes[0 ..< 8].elementsEqual([137, 80, 78, 71, 13, 10, 26, 10]) else {
      throw Failure.notPNG
    }
    func bigEndian(_ at: Int) -> Int { bytes[at ..< at + 4].reduce(0) { $0 << 8 | Int($1) } }
    var offset = 8
    var width = 0, height = 0, channels = 0
    var compressed: [UInt8] = []
    while offset + 8 <= bytes.count {
      let length = bigEndian(offset)
      let type = String(decoding: bytes[offset + 4 ..< offset + 8], as: UTF8.self)
      let data = Array(bytes[offset + 8 ..< offset + 8 + length])
      switch type {
      case "IHDR":
        width = (Int(data[0]) << 24) | (Int(data[1]) << 16) | (Int(data[2]) << 8) | Int(data[3])
        height = (Int(data[4]) << 24) | (Int(data[5]) << 16) | (Int(data[6]) << 8) | Int(data[7])
        guard data[8] == 8, data[12] == 0 else { throw Failure.unsupported("bit depth or interlace") }
        switch data[9] {
        case 2: channels = 3
        case 6: channels = 4
        default: throw Failure.unsupported("colour type \(data[9])")
        }
      case "IDAT": compressed += data
      default: break
      }
      offset += 12 + length
    }
    let stride = width * channels
    let raw = try Self.inflate(compressed, expected: height * (stride + 1))
    var previous = [UInt8](repeating: 0, count: stride)
    var rgba = [UInt8]()
    rgba.reserveCapacity(width * height * 4)
    for row in 0 ..< height {
      let start = row * (stride + 1)
      let filter = raw[start]
      var line = Array(raw[start + 1 ..< start + 1 + stride])
      for i in 0 ..< stride {
        let left = i >= channels ? Int(line[i - channels]) : 0
        let up = Int(previous[i])
        let upLeft = i >= channels ? Int(previous[i - channels]) : 0
        let predictor: Int
        switch filter {
        case 1: predictor = left
        case 2: predictor = up
        case 3: predictor = (left + up) / 2
        case 4:
          let p = left + up - upLeft
          let (pa, pb, pc) = (abs(p - left), abs(p - up), abs(p - upLeft))
          predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
        default: predictor = 0
        }
        line[i] = UInt8((Int(line[i]) + predictor) & 0xFF)
      }
      for x in 0 ..< width {
        let pixel = line[x * channels ..< x * channels + channels]
        rgba += pixel
        if channels == 3 { rgba.append(255) }
      }
      previous = line
    }
    self.width = width
    self.height = height
    self.rgba = rgba
  }

  private typealias Uncompress = @convention(c) (
    UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt
  ) -> Int32

  private static func inflate(_ data: [UInt8], expected: Int) throws -> [UInt8] {
    guard let library = dlopen("libz.so.1", RTLD_NOW) ?? dlopen("libz.so", RTLD_NOW),
          let symbol = dlsym(library, "uncompress")
    else { throw Failure.zlib("libz not found") }
    let uncompress = unsafeBitCast(symbol, to: Uncompress.self)
    var output = [UInt8](repeating: 0, count: expected)
    var length = UInt(expected)
    let status = output.withUnsafeMutableBufferPointer { out in
      data.withUnsafeBufferPointer { input in
        uncompress(out.baseAddress, &length, input.baseAddress, UInt(data.count))
      }
    }
    guard status == 0, Int(length) == expected else { throw Failure.zlib("status \(status)") }
    return output
  }
}
