import Dispatch
import Foundation
import Synchronization

/// Runs numbered blocks of work on up to a given number of workers.
///
/// Each block writes only its own outputs; reductions are done afterwards in block order,
/// so results never depend on thread scheduling or on the number of threads.
enum Parallel {
  /// Calls `body(block)` once for every block in `0..<blocks`, on up to `threads` workers.
  static func forEach(blocks: Int, threads: Int, _ body: (Int) -> Void) {
    if blocks <= 0 { return }
    let workers = min(max(threads, 1), blocks)
    if workers == 1 {
      for b in 0..<blocks { body(b) }
      return
    }
    // Blocks write disjoint outputs (see above), so the work may run on several threads.
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let work = body
      if threads >= processorCount {
        // Dynamic: idle workers take the next block, which copes with busy machines.
        DispatchQueue.concurrentPerform(iterations: blocks) { work($0) }
        return
      }
      DispatchQueue.concurrentPerform(iterations: workers) { w in
        var b = w
        while b < blocks {
          work(b)
          b += workers
        }
      }
    }
  }

  /// Like `forEach`, but polls `isCancelled` before every block (from worker threads, so it
  /// must be thread-safe), skips the remaining blocks once it returns `true` and then throws
  /// `ProjectionCancelled`.
  static func forEach(
    blocks: Int, threads: Int, isCancelled: () -> Bool, _ body: (Int) -> Void
  ) throws {
    let cancelled = Atomic<Bool>(false)
    forEach(blocks: blocks, threads: threads) { b in
      if cancelled.load(ordering: .relaxed) { return }
      if isCancelled() {
        cancelled.store(true, ordering: .relaxed)
        return
      }
      body(b)
    }
    if cancelled.load(ordering: .relaxed) { throw ProjectionCancelled() }
  }

  /// Sums `body(block)` over all blocks, adding the per-block results in block order so the
  /// total does not depend on scheduling.
  static func sum(blocks: Int, threads: Int, _ body: (Int) -> Double) -> Double {
    var partial = [Double](repeating: 0, count: blocks)
    partial.withUnsafeMutableBufferPointer { partial in
      forEach(blocks: blocks, threads: threads) { partial[$0] = body($0) }
    }
    return partial.reduce(0, +)
  }

  /// The half-open range of items in block `block` when `count` items are cut into `blocks`.
  @inline(__always)
  static func range(block: Int, blocks: Int, count: Int) -> Range<Int> {
    (block * count / blocks)..<((block + 1) * count / blocks)
  }

  /// A block count for `count` items that keeps blocks at least `minimumSize` long.
  static func blockCount(count: Int, minimumSize: Int, maximum: Int = 64) -> Int {
    max(1, min(maximum, count / max(minimumSize, 1)))
  }

  /// The number of active processors.
  static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
