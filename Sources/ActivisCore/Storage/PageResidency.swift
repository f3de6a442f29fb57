#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Which layers keep their pages mapped between passes.
///
/// A pass over a mapped layer maps each page it reads, and a layer that
/// lets go of its pages after each window (`LayerMatrix.releasePages`) pays
/// for mapping them again on every pass — on two cores, about as much as
/// reading them. Layers that fit together within a budget (an eighth of
/// physical memory) keep their pages once read, so that interactive passes
/// after the first map nothing; larger layers let go of each window, so that
/// resident memory holds a window of them, never the whole file. Pages kept
/// are the file's clean page cache, which the kernel can take back under
/// memory pressure.
public final class PageResidency: @unchecked Sendable {
  /// The budget of the running process.
  public static let shared = PageResidency(budgetBytes: physicalMemoryBytes / 8)
  /// A budget of nothing: every layer lets go of its pages (tests of that path).
  public static var never: PageResidency { PageResidency(budgetBytes: 0) }

  private let lock = NSLock()
  private var remaining: Int

  /// A budget of `budgetBytes` for all layers together.
  public init(budgetBytes: Int) {
    remaining = Swift.max(0, budgetBytes)
  }

  /// Takes `bytes` from the budget if they fit.
  ///
  /// - Returns: whether they did (the layer keeps its pages).
  func admit(_ bytes: Int) -> Bool {
    lock.withLock {
      guard bytes > 0, bytes <= remaining else { return false }
      remaining -= bytes
      return true
    }
  }

  /// Returns `bytes` taken by `admit(_:)` (the layer is gone).
  func giveBack(_ bytes: Int) {
    lock.withLock { remaining += bytes }
  }

  /// The bytes of memory the machine has (0 if unknown).
  static var physicalMemoryBytes: Int {
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
    return pages > 0 && size > 0 ? pages * size : 0
  }
}
