import ActivisCore

/// The instance selection panel as text: per true class, the correct ids
/// and, per predicted class, the misclassified ids.
public enum InstancePanelTextRenderer {
  /// Lines of ids per list before the rest is summarised.
  static let maximumLines = 3

  public static func render(_ panel: InstancePanel, width: Int) -> String {
    var output = ""
    let nameWidth = panel.classes.map(\.count).max() ?? 0
    for group in panel.groups {
      let total = group.correct.count + group.misclassified.count
      let name = panel.classes[group.label]
      output += "\(name)  \(total) instances: \(group.correct.count) correct, \(group.misclassified.count) misclassified\n"
      let indent = String(repeating: " ", count: 2)
      if !group.correct.isEmpty {
        output += idLines(label: "correct", ids: group.correct.map(\.id), indent: indent, width: width)
      }
      var byPrediction: [(Int, [Int64])] = []
      for entry in group.misclassified {
        if byPrediction.last?.0 == entry.predicted {
          byPrediction[byPrediction.count - 1].1.append(entry.id)
        } else {
          byPrediction.append((entry.predicted, [entry.id]))
        }
      }
      for (prediction, ids) in byPrediction {
        let label = "as " + panel.classes[prediction].padding(toLength: nameWidth, withPad: " ", startingAt: 0)
          + " (\(ids.count))"
        output += idLines(label: label, ids: ids, indent: indent, width: width)
      }
    }
    if panel.groups.count > 1 || panel.groups.first?.misclassified.isEmpty == false {
      output += "correct ids are sorted by score, highest first; 'show #id' for one, 'add #id' to compare\n"
    }
    return output
  }

  /// `label  #1 #2 …` wrapped to `width`, at most `maximumLines` lines.
  private static func idLines(label: String, ids: [Int64], indent: String, width: Int) -> String {
    let prefix = indent + label.padding(toLength: Swift.max(label.count, 16), withPad: " ", startingAt: 0) + " "
    let continuation = String(repeating: " ", count: prefix.count)
    var lines: [String] = []
    var current = prefix
    var shown = 0
    for id in ids {
      let word = "#\(id)"
      if current.count + word.count + 1 > width && current.count > prefix.count {
        lines.append(current)
        if lines.count == maximumLines { break }
        current = continuation
      }
      current += (current.hasSuffix(" ") ? "" : " ") + word
      shown += 1
    }
    if lines.count < maximumLines { lines.append(current) } else if shown < ids.count {
      lines[lines.count - 1] += " … \(ids.count - shown) more"
    }
    return lines.map { $0 + "\n" }.joined()
  }
}

import Foundation
