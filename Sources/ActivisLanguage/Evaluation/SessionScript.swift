import ActivisCore
import Foundation

/// A script of the language that rebuilds a session (`save <file>`): the
/// bundle, the layer, every subset from its definition, the matrix rows in
/// their order and the projection colours. Replayed with `activis -f`, or
/// `activis -i -f` to carry on from there.
///
/// Paths are written absolute, so the script runs from any directory.
/// Subsets are defined again from their closed definitions (each neuron
/// condition names its layer; `in <subset>` was expanded when defined), in
/// the order they were first defined.
struct SessionScript {
  let session: Session

  /// The script; the session must have a bundle.
  var text: String {
    guard let bundle = session.bundle else { return "" }
    var lines = ["#!/usr/bin/env activis",
                 "-- An activis session, saved to be replayed: activis -f <this file>",
                 "-- (or activis -i -f <this file> to carry on from where it was).",
                 "load \(SourceText.literal(Self.absolutePath(bundle.path), field: true))"]
    if let layer = session.layer { lines.append("select layer \(SourceText.literal(layer.name, field: true))") }
    // Definitions are closed, so each replays alone, in the order defined.
    // Subsets the bundle's aggregates define come back with the bundle.
    for subset in session.subsets where subset.aggregateGroup == nil {
      lines.append("subset \(SourceText.literal(subset.name, field: true)) = \(subset.command)")
    }
    lines += matrixRowLines(bundle)
    if let color = colorLine { lines.append(color) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `remove` and `add` lines that turn the rows the script has made so far
  /// (the classes, then each subset as defined) into the session's rows:
  /// the rows no longer shown removed and the new ones added when that keeps
  /// the order, else every row removed and all added again in order.
  private func matrixRowLines(_ bundle: ActivationBundle) -> [String] {
    guard let classMembers = session.workspace?.classMembers else { return [] }
    let classes = classMembers.indices.filter { !classMembers[$0].isEmpty }
    let made = classes.map { Session.MatrixRow.class($0) } + session.subsets.map { .subset($0.name) }
    let wanted = session.matrixRows
    var removed = made.filter { !wanted.contains($0) }
    var added = Array(wanted.drop { made.contains($0) })
    if made.filter(wanted.contains) != Array(wanted.prefix(wanted.count - added.count)) {
      (removed, added) = (made, wanted)
    }
    var lines: [String] = []
    if !removed.isEmpty { lines.append("remove " + removed.map { label($0, bundle) }.joined(separator: " ")) }
    if !added.isEmpty { lines.append("add " + added.map { label($0, bundle) }.joined(separator: " ")) }
    return lines
  }

  /// A matrix row as `add` and `remove` take it.
  private func label(_ row: Session.MatrixRow, _ bundle: ActivationBundle) -> String {
    switch row {
    case .class(let index): SourceText.literal(bundle.classes[index], field: true)
    case .subset(let name): SourceText.literal(name, field: true)
    case .instance(let row): "#\(bundle.instances.ids[row])"
    }
  }

  private var colorLine: String? {
    switch session.colorKey {
    case .label: nil
    case .predicted: "color by predicted"
    case .correct: "color by correct"
    case .attribute(let name), .subset(let name): "color by \(SourceText.literal(name, field: true))"
    }
  }

  /// `path` made absolute against the working directory, `.` and `..` resolved.
  static func absolutePath(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }
}
