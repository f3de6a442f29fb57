/// What the input loop tells the Ctrl-C handling around each command, and
/// asks of it between commands.
package protocol CommandLifecycle: AnyObject {
  /// A command is about to run: clear any earlier interruption request.
  func commandWillRun()
  /// The command has returned.
  func commandDidRun()
  /// The batch inputs are done and the interactive prompt starts (after
  /// `-i`): from now on Ctrl-C stops commands, not the process.
  func interactiveSessionWillStart()
  /// In batch mode: Ctrl-C was pressed, so the input must stop (exit 130).
  var stopRequested: Bool { get }
}
