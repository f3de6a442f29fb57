import Dispatch

/// Pieces of work run at the same time, on all cores.
public enum Concurrently {
  /// The results of `first` and `second`, run on two threads at once; the
  /// error of `first` when both throw. The two must not share mutable state.
  public static func run<A, B>(_ first: () throws -> A, _ second: () throws -> B) throws -> (A, B) {
    var a: Result<A, any Error>?
    var b: Result<B, any Error>?
    withoutActuallyEscaping(first) { first in
      withoutActuallyEscaping(second) { second in
        withUnsafeMutablePointer(to: &a) { aSlot in
          withUnsafeMutablePointer(to: &b) { bSlot in
            // Each thread writes its own result only.
            nonisolated(unsafe) let work = (first, second, aSlot, bSlot)
            DispatchQueue.concurrentPerform(iterations: 2) { index in
              if index == 0 { work.2.pointee = Result { try work.0() } } else { work.3.pointee = Result { try work.1() } }
            }
          }
        }
      }
    }
    return (try a!.get(), try b!.get())
  }

  /// `body(i)` for each `i` in `0 ..< count`, on all cores (each core
  /// takes the next index when it is done with one, so put the longest
  /// first); the results in index order, and the error of the lowest index
  /// that threw. Calls of `body` must not share mutable state.
  public static func map<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
    let results = ThreadSlots<Result<T, any Error>?>(count: count, initial: nil)
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let body = body
      DispatchQueue.concurrentPerform(iterations: count) { index in results[index] = Result { try body(index) } }
    }
    return try results.values.map { try $0!.get() }
  }
}
