// swift-tools-version:6.0
import PackageDescription

/// The numeric kernels are compiled with full optimisation even in debug builds,
/// so that tests over generated bundles stay quick.
var optimized: [SwiftSetting] { [.unsafeFlags(["-O"], .when(configuration: .debug))] }

let package = Package(
  name: "activis",
  products: [
    .executable(name: "activis", targets: ["activis"]),
    .library(name: "ActivisCore", targets: ["ActivisCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.17.0"),
  ],
  targets: [
    /// libedit's readline-compatible API (Debian: libedit-dev).
    .systemLibrary(
      name: "CLibEdit",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    /// Bundles, activations, subsets and statistics. No terminal code, no printing.
    .target(name: "ActivisCore", dependencies: ["CGramKernel"], swiftSettings: optimized),
    /// Kernels over float32 rows (the Gram matrix behind linear CKA (`diff`), the distance
    /// of a row to another (`neighbors`), the statistics sweep) and the simple rows of
    /// `instances.csv`, in C so that they are compiled for AVX-512, AVX2 and plain x86-64
    /// and picked when loaded.
    .target(name: "CGramKernel", cSettings: [.unsafeFlags(["-O3"])]),
    /// t-SNE and PCA over dense float matrices. Depends on nothing.
    .target(name: "ActivisProjection", swiftSettings: optimized),
    /// The query language: lexer, parser, syntax tree, diagnostics, evaluator.
    .target(name: "ActivisLanguage", dependencies: ["ActivisCore", "ActivisProjection"]),
    /// Text tables, matrices, CSV, TSV, JSON, SVG and graph drawings of results.
    .target(name: "ActivisRender", dependencies: ["ActivisCore"]),
    /// The interactive shell and the batch runner: line editing, history, completion.
    /// Swift 5 mode: it works with libedit's and the C library's global variables
    /// (`rl_line_buffer`, `stdout`), which the Swift 6 checks cannot see are used
    /// from one thread. Every other target is checked in Swift 6 mode.
    .target(
      name: "ActivisShell",
      dependencies: ["ActivisLanguage", "ActivisRender", "CLibEdit",
                     .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: [.swiftLanguageMode(.v5)]),
    .executableTarget(name: "activis", dependencies: ["ActivisShell"]),
    /// Generated model graphs of realistic shape, for tests and benchmarks only.
    .target(name: "ActivisGraphSamples", dependencies: ["ActivisCore"]),
    /// Benchmark driver for the graph layout (scripts/bench-graph-layout).
    .executableTarget(name: "activis-bench-graph", dependencies: ["ActivisRender", "ActivisGraphSamples"]),
    /// Benchmark driver for the projection engine (scripts/bench-tsne).
    .executableTarget(
      name: "activis-bench-projection", dependencies: ["ActivisProjection"],
      swiftSettings: optimized),

    .target(name: "ActivisTestSupport", dependencies: ["ActivisCore"], path: "Tests/ActivisTestSupport"),
    .testTarget(name: "ActivisCoreTests", dependencies: ["ActivisCore", "ActivisTestSupport"]),
    .testTarget(name: "ActivisProjectionTests", dependencies: ["ActivisProjection", "ActivisTestSupport"]),
    .testTarget(name: "ActivisLanguageTests", dependencies: ["ActivisLanguage", "ActivisTestSupport"]),
    .testTarget(name: "ActivisRenderTests",
                dependencies: ["ActivisRender", "ActivisGraphSamples", "ActivisTestSupport",
                               .product(name: "SnapshotTesting", package: "swift-snapshot-testing")],
                exclude: ["__Snapshots__"]),
    .testTarget(name: "ActivisShellTests", dependencies: ["ActivisShell", "ActivisTestSupport"]),
    .testTarget(name: "ActivisReliabilityTests", dependencies: ["ActivisShell", "ActivisTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
