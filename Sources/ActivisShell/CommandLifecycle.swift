/// What the input loop tells the Ctrl-C handling around each command, and
/// asks of it between commands.
public protocol CommandLifecycle: AnyObject {
  /// A command is about to run: clear any earlier interruption request.
  func commandWillRun()
  /// The command has returned.
  func commandDidRun()
  /// In batch mode: Ctrl-C was pressed, so the input must stop (exit 130).
  var stopRequested: Bool { get }
}
