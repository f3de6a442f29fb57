extension BundleOpener {
  /// The instance table: from the cache when it holds this file as it is
  /// now, else parsed (and then cached, when there is a cache).
  func readInstances(_ csv: MappedFile, path: String, file: String, classes: [String]?) throws
    -> (InstanceTableReader.Result, InstanceTableSource)
  {
    guard let cache else {
      return (try InstanceTableReader.read(csv.bytes, file: file, classes: classes), .parsed)
    }
    let key = InstanceCacheKey(path: path, file: csv, classes: classes)
    if let cached = cache.load(key: key) {
      let warnings = cached.warnings.map { BundleWarning(file: file, $0) }
      return (.init(table: cached.table, classes: cached.classes, warnings: warnings),
              .cached(cache.displayPath(key)))
    }
    let read = try InstanceTableReader.read(csv.bytes, file: file, classes: classes)
    if let reason = cache.store(read.table, classes: read.classes, warnings: read.warnings.map(\.message),
                                key: key) {
      return (read, .parsedCacheUnwritable(reason))
    }
    return (read, .parsedAndCached(cache.displayPath(key)))
  }
}
