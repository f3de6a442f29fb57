/// Shared by the reader targets (csv, npy, manifest, graph): compiled into each.
@testable import ActivisCore

/// Runs one reader over fuzzed bytes: it may succeed or refuse with a
/// `BundleError` that has a message; any other error stops the fuzzer.
func readOrRefuse(_ read: () throws -> Void) {
  do {
    try read()
  } catch let error as BundleError {
    precondition(!error.description.isEmpty, "a refusal has a message")
  } catch {
    preconditionFailure("unexpected error type \(type(of: error))")
  }
}
