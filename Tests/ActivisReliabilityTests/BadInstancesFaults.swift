import ActivisTestSupport

/// Bad `instances.csv` files (docs/bundle-format.md, "instances.csv" and "Refusals"). The
/// bundle has classes A and B and a layer of 3 rows, so every table here has 3 rows.
extension BadBundleCatalogue {
  /// `instances.csv` replaced by `text`.
  static func instances(_ name: String, _ text: String, says: String) -> Fault {
    Fault(name: name, says: says) { try $0.writeText("instances.csv", text) }
  }

  static let instancesFaults: [Fault] = [
    instances("empty instances.csv", "", says: "{b}/instances.csv: the file is empty (expected a header row with an 'id' column)"),
    Fault(name: "instances.csv of a byte-order mark only",
          says: "{b}/instances.csv: the file is empty (expected a header row with an 'id' column)") {
      try $0.writeBytes("instances.csv", [0xEF, 0xBB, 0xBF])
    },
    instances("an unterminated quote", "id,text,label\n0,one,A\n1,\"tw",
              says: "{b}/instances.csv:3:3: unterminated quoted field"),
    instances("text after a closing quote", "id,text,label\n0,one,A\n1,\"two\"x,B\n2,three,A\n",
              says: "{b}/instances.csv:3:8: expected ',' or the end of the line after a closing quote"),
    instances("a row with too few fields", "id,label\n0,A\n1\n2,A\n",
              says: "{b}/instances.csv:3:1: expected 2 fields as in the header, found 1"),
    instances("a row with too many fields", "id,label\n0,A\n1,B,extra\n2,A\n",
              says: "{b}/instances.csv:3:1: expected 2 fields as in the header, found 3"),
    instances("an unnamed column", "id,,label\n0,x,A\n1,y,B\n2,z,A\n",
              says: "{b}/instances.csv:1:4: column 2 of the header has no name"),
    instances("an unnamed first column, as DataFrame.to_csv writes", ",id,label\n0,0,A\n1,1,B\n2,2,A\n",
              says: "{b}/instances.csv:1:1: column 1 of the header has no name (an index written by pandas' to_csv without index=False?)"),
    instances("a repeated column", "id,label,label\n0,A,A\n1,B,B\n2,A,A\n",
              says: "{b}/instances.csv:1:10: duplicate column 'label' in the header"),
    instances("no id column", "key,label\n0,A\n1,B\n2,A\n",
              says: "{b}/instances.csv:1:1: no 'id' column (the header has 'key', 'label')"),
    instances("an empty id", "id,label\n0,A\n,B\n2,A\n",
              says: "{b}/instances.csv:3:1: an empty id is not a non-negative integer"),
    instances("an id that is not an integer", "id,label\n0,A\nx7,B\n2,A\n",
              says: "{b}/instances.csv:3:1: id 'x7' is not a non-negative integer"),
    instances("a negative id", "id,label\n0,A\n-1,B\n2,A\n",
              says: "{b}/instances.csv:3:1: id '-1' is negative"),
    instances("an id one above Int64.max", "id,label\n0,A\n9223372036854775808,B\n2,A\n",
              says: "{b}/instances.csv:3:1: id '9223372036854775808' is too large (at most 9223372036854775807)"),
    instances("an id of thirty digits", "id,label\n0,A\n" + String(repeating: "9", count: 30) + ",B\n2,A\n",
              says: "{b}/instances.csv:3:1: id '" + String(repeating: "9", count: 30) + "' is too large (at most 9223372036854775807)"),
    instances("a repeated id", "id,label\n4,A\n5,B\n4,A\n",
              says: "{b}/instances.csv:4:1: duplicate id 4 (already on line 2)"),
    instances("a score that is not a number", "id,label,score:A\n0,A,0.5\n1,B,high\n2,A,0.1\n",
              says: "{b}/instances.csv:3:5: 'high' in column 'score:A' is not a number"),
    instances("a label not in the classes", "id,label\n0,A\n1,zz\n2,A\n",
              says: "{b}/instances.csv:3:3: label 'zz' is not one of the classes in the manifest ('A', 'B')"),
    instances("a prediction not in the classes", "id,label,predicted\n0,A,A\n1,B,B\n2,A,zz\n",
              says: "{b}/instances.csv:4:5: predicted 'zz' is not one of the classes in the manifest ('A', 'B')"),
    instances("a score column of a class not in the classes", "id,label,score:zz\n0,A,1\n1,B,1\n2,A,1\n",
              says: "{b}/instances.csv:1:10: column 'score:zz' names a class that is not in the manifest's classes ('A', 'B')"),
  ]
}
