/// Integers written with thousands separators, as counts read in prose.
public enum GroupedNumber {
  /// `12000000` → `12,000,000`.
  public static func text(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return value < 0 ? "-" + grouped : grouped
  }
}
