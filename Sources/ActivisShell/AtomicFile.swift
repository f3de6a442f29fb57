import Foundation

/// Writes files all at once: to a temporary file in the same directory, then
/// renamed into place, so that nobody ever sees half a file and a failed
/// write leaves the old file as it was.
enum AtomicFile {
  struct Failure: Error {
    var message: String
  }

  static func write(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
      throw Failure(message: "cannot write '\(path)': the directory '\(directory)' does not exist")
    }
    guard isDirectory.boolValue else {
      throw Failure(message: "cannot write '\(path)': '\(directory)' is not a directory")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw Failure(message: "cannot write '\(path)': it is a directory")
    }
    let temporary = directory + "/." + url.lastPathComponent + ".activis-\(getpid())-\(UInt32.random(in: 0 ... .max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw Failure(message: "cannot write '\(path)': \(lastError())") }
    var existing = stat()
    if stat(path, &existing) == 0 { _ = fchmod(descriptor, existing.st_mode & 0o7777) }  // keep its mode
    var failure: String?
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
      var written = 0
      while written < buffer.count {
        let count = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
        if count < 0 {
          if errno == EINTR { continue }
          failure = lastError()
          return
        }
        written += count
      }
    }
    if failure == nil && fsync(descriptor) != 0 { failure = lastError() }
    close(descriptor)
    if failure == nil && rename(temporary, path) != 0 { failure = lastError() }
    if let failure {
      unlink(temporary)
      throw Failure(message: "cannot write '\(path)': \(failure)")
    }
  }

  private static func lastError() -> String { String(cString: strerror(errno)) }
}
