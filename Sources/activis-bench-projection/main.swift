// Benchmark driver for ActivisProjection: reads a 2-D .npy matrix, runs t-SNE (or PCA) and
// writes the embedding as a float32 .npy file. Prints one JSON line with the timings.
//
// usage: activis-bench-projection INPUT.npy OUTPUT.npy [--perplexity P] [--iterations N]
//          [--threads T] [--seed S] [--neighbors exact|approximate|vptree|descent|automatic]
//          [--gradient exact|interpolation|automatic] [--init pca|random] [--pca K]
//        activis-bench-projection INPUT.npy OUTPUT.npy --umap [--k K] [--min-dist X]
//          [--epochs N] [--threads T] [--seed S] [--init spectral|pca|random]
//          [--neighbors vptree|brute|descent|automatic]
import ActivisProjection
import Foundation

func fail(_ message: String) -> Never {
  FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
  exit(2)
}

/// Reads a C-ordered 2-D float32 or float64 .npy file.
func readNpy(_ path: String) -> (values: [Float], rows: Int, columns: Int) {
  guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
  let bytes = [UInt8](data)
  guard bytes.count > 10, bytes[0] == 0x93 else { fail("\(path) is not a .npy file") }
  let major = bytes[6]
  let headerLength: Int
  let headerStart: Int
  if major == 1 {
    headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
    headerStart = 10
  } else {
    headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
    headerStart = 12
  }
  let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
  guard !header.contains("'fortran_order': True") else { fail("Fortran order not supported") }
  let isDouble = header.contains("<f8")
  guard isDouble || header.contains("<f4") else { fail("only <f4 and <f8 supported: \(header)") }
  guard let open = header.firstIndex(of: "("), let close = header.firstIndex(of: ")") else {
    fail("no shape in \(header)")
  }
  let dims = header[header.index(after: open)..<close].split(separator: ",").compactMap {
    Int($0.trimmingCharacters(in: .whitespaces))
  }
  guard dims.count == 2 else { fail("expected a 2-D array, got \(dims)") }
  let offset = headerStart + headerLength
  let count = dims[0] * dims[1]
  var values = [Float](repeating: 0, count: count)
  bytes.withUnsafeBytes { raw in
    for i in 0..<count {
      if isDouble {
        values[i] = Float(raw.loadUnaligned(fromByteOffset: offset + 8 * i, as: Double.self))
      } else {
        values[i] = raw.loadUnaligned(fromByteOffset: offset + 4 * i, as: Float.self)
      }
    }
  }
  return (values, dims[0], dims[1])
}

/// Writes a C-ordered 2-D float32 .npy file.
func writeNpy(_ path: String, _ values: [Float], rows: Int, columns: Int) {
  var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
  while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
  header += "\n"
  var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
  out += [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
  out += Array(header.utf8)
  values.withUnsafeBytes { out += $0 }
  guard FileManager.default.createFile(atPath: path, contents: Data(out)) else { fail("cannot write \(path)") }
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail("usage: activis-bench-projection IN.npy OUT.npy [options]") }
let input = arguments.removeFirst()
let output = arguments.removeFirst()
var options = TSNEOptions()
var umapOptions = UMAPOptions()
var umap = false
var pcaComponents = 0
var verbose = false
while !arguments.isEmpty {
  let flag = arguments.removeFirst()
  if flag == "--verbose" {
    verbose = true
    continue
  }
  if flag == "--umap" {
    umap = true
    continue
  }
  guard !arguments.isEmpty else { fail("missing value for \(flag)") }
  let value = arguments.removeFirst()
  switch flag {
  case "--k": umapOptions.neighbors = Int(value)!
  case "--min-dist": umapOptions.minimumDistance = Double(value)!
  case "--epochs": umapOptions.epochs = Int(value)!
  case "--perplexity": options.perplexity = Double(value)!
  case "--iterations": options.iterations = Int(value)!
  case "--early-iterations": options.earlyExaggerationIterations = Int(value)!
  case "--threads":
    options.threads = Int(value)!
    umapOptions.threads = Int(value)!
  case "--seed":
    options.seed = UInt64(value)!
    umapOptions.seed = UInt64(value)!
  case "--learning-rate": options.learningRate = value == "auto" ? .auto : .value(Double(value)!)
  case "--init":
    options.initialization = value == "random" ? .random : .pca
    umapOptions.initialization = ["random": .random, "pca": .pca][value] ?? .spectral
  case "--neighbors":
    umapOptions.neighborMethod =
      ["vptree": .vantagePointTree, "brute": .bruteForce, "descent": .neighborDescent][value] ?? .automatic
    options.neighbors =
      [
        "exact": .exact, "approximate": .approximate, "vptree": .vantagePointTree,
        "descent": .neighborDescent, "brute": .bruteForce,
      ][value] ?? .automatic
  case "--gradient":
    options.gradient = ["exact": .exact, "interpolation": .interpolation][value] ?? .automatic
  case "--interval-width": options.intervalWidth = Double(value)!
  case "--interpolation-points": options.interpolationPoints = Int(value)!
  case "--pca": pcaComponents = Int(value)!
  default: fail("unknown option \(flag)")
  }
}

let (values, rows, columns) = readNpy(input)
let started = Date()
if umap {
  let result = try UMAP.embed(
    values, rows: rows, columns: columns, options: umapOptions,
    progress: { p in
      if verbose {
        let line = "\(p.stage) \(p.epoch)/\(p.totalEpochs) "
        FileHandle.standardError.write((line + String(format: "%.2fs\n", p.elapsed)).data(using: .utf8)!)
      }
    })
  let seconds = Date().timeIntervalSince(started)
  writeNpy(output, result.coordinates, rows: rows, columns: 2)
  print("{\"seconds\": \(seconds), \"epochs\": \(result.epochs), \"init\": \"\(result.initialization)\", "
    + "\"neighbors\": \"\(result.neighbors)\"}")
} else if pcaComponents > 0 {
  let result = try PCA.project(values, rows: rows, columns: columns, components: pcaComponents)
  let seconds = Date().timeIntervalSince(started)
  writeNpy(output, result.coordinates, rows: rows, columns: pcaComponents)
  print("{\"seconds\": \(seconds), \"explained\": \(result.explainedVarianceRatio)}")
} else {
  let result = try TSNE.embed(
    values, rows: rows, columns: columns, options: options,
    progress: { p in
      if verbose {
        let kl = p.klDivergence.map { String(format: "%.4f", $0) } ?? "-"
        let line = "\(p.stage) \(p.iteration)/\(p.totalIterations) kl \(kl) "
        FileHandle.standardError.write((line + String(format: "%.2fs\n", p.elapsed)).data(using: .utf8)!)
      }
    })
  let seconds = Date().timeIntervalSince(started)
  writeNpy(output, result.coordinates, rows: rows, columns: 2)
  print(
    "{\"seconds\": \(seconds), \"kl\": \(result.klDivergence), "
      + "\"iterations\": \(result.iterations)}"
  )
}
