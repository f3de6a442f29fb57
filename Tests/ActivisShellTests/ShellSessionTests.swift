import Testing
@testable import ActivisShell

@Suite struct ShellSessionTests {
  /// A session over `engine` whose standard input, scripts and prompt are
  /// scripted; collects what it writes.
  final class Harness {
    let engine = RecordingEngine()
    let lifecycle = FakeLifecycle()
    var scripts: [String: [String]] = [:]
    var standardInput: [String] = []
    var prompt: [String] = []
    var output = ""
    var errors = ""
    var promptOpened = false

    func run(_ options: CommandLineOptions, interactive: Bool) -> Int32 {
      let inputs = ShellSession.Inputs(
        openScript: { path in
          guard let lines = self.scripts[path] else {
            throw ScriptOpenError(path: path, errorNumber: 2)
          }
          return ScriptedLineReader(lines)
        },
        standardInput: { ScriptedLineReader(self.standardInput) },
        interactive: {
          self.promptOpened = true
          return ScriptedLineReader(self.prompt)
        })
      return ShellSession(options: options, engine: engine, inputs: inputs,
                          lifecycle: lifecycle, interactive: interactive,
                          write: { self.output += $0 }, writeError: { self.errors += $0 }).run()
    }
  }

  @Test func bundleIsLoadedFirstWithTheNameQuoted() {
    let harness = Harness()
    let status = harness.run(CommandLineOptions(inputs: [.commands("info")],
                                                bundle: "my \"odd\" dir\\x"),
                             interactive: false)
    #expect(status == 0)
    #expect(harness.engine.lines == [#"load "my \"odd\" dir\\x""#, "info"])
    #expect(harness.engine.origins.first == LineOrigin(file: "<command line>", line: 1))
    #expect(harness.output == "")
  }

  @Test func commandsAndScriptsRunInOrderAndStopAtFirstError() {
    let harness = Harness()
    harness.scripts["s.avq"] = ["#!/usr/bin/env activis", "layers", "fail x", "never"]
    let options = CommandLineOptions(inputs: [.commands("info\nmatrix"), .script("s.avq"),
                                              .commands("never either")])
    #expect(harness.run(options, interactive: false) == 1)
    #expect(harness.engine.lines == ["info", "matrix", "layers", "fail x"])
    #expect(harness.engine.origins == [
      LineOrigin(file: "-c", line: 1), LineOrigin(file: "-c", line: 2),
      LineOrigin(file: "s.avq", line: 2), LineOrigin(file: "s.avq", line: 3),
    ])
    #expect(!harness.promptOpened)
  }

  @Test func failedBundleLoadEndsBatchWithStatusOne() {
    let harness = Harness()
    harness.engine.failing = [#"load "b""#]
    let status = harness.run(CommandLineOptions(inputs: [.commands("info")], bundle: "b"),
                             interactive: false)
    #expect(status == 1)
    #expect(harness.engine.lines == [#"load "b""#])
  }

  @Test func failedBundleLoadKeepsTheInteractiveShell() {
    let harness = Harness()
    harness.engine.failing = [#"load "b""#]
    harness.prompt = ["info"]
    #expect(harness.run(CommandLineOptions(bundle: "b"), interactive: true) == 0)
    #expect(harness.engine.lines == [#"load "b""#, "info"])
  }

  @Test func missingScriptIsStatusOneWithMessage() {
    let harness = Harness()
    let status = harness.run(CommandLineOptions(inputs: [.script("x.avq"), .commands("info")]),
                             interactive: false)
    #expect(status == 1)
    #expect(harness.errors == "activis: error: cannot open 'x.avq': No such file or directory\n")
    #expect(harness.engine.lines.isEmpty)
  }

  @Test func pipedInputRunsAsStdinScript() {
    let harness = Harness()
    harness.standardInput = ["info", "fail there", "never"]
    #expect(harness.run(CommandLineOptions(bundle: "b"), interactive: false) == 1)
    #expect(harness.engine.lines == [#"load "b""#, "info", "fail there"])
    #expect(harness.engine.origins.last == LineOrigin(file: "<stdin>", line: 2))
    #expect(harness.output == "")
  }

  @Test func pipedInputThatSucceedsIsStatusZero() {
    let harness = Harness()
    harness.standardInput = ["info"]
    #expect(harness.run(CommandLineOptions(), interactive: false) == 0)
  }

  @Test func interactiveShowsBannerAndAlwaysEndsWithZero() {
    let harness = Harness()
    harness.prompt = ["fail 1", "info"]
    #expect(harness.run(CommandLineOptions(bundle: "b"), interactive: true) == 0)
    #expect(harness.output == ShellSession.banner)
    #expect(harness.output.hasPrefix("activis 0.1.0: "))
    #expect(harness.engine.lines == [#"load "b""#, "fail 1", "info"])
  }

  @Test func forcedInteractiveRunsCommandsThenPromptEvenAfterAFailure() {
    let harness = Harness()
    harness.prompt = ["after"]
    let options = CommandLineOptions(inputs: [.commands("fail first"), .commands("skipped")],
                                     forceInteractive: true)
    #expect(harness.run(options, interactive: true) == 0)
    #expect(harness.engine.lines == ["fail first", "after"])
    #expect(harness.promptOpened)
    #expect(harness.lifecycle.interactiveStarted)
  }

  @Test func quitInCommandsSkipsTheRest() {
    let harness = Harness()
    let options = CommandLineOptions(inputs: [.commands("quit"), .commands("never")],
                                     forceInteractive: true)
    #expect(harness.run(options, interactive: true) == 0)
    #expect(harness.engine.lines == ["quit"])
    #expect(!harness.promptOpened)
  }

  @Test func ctrlCInBatchIsStatus130() {
    let harness = Harness()
    harness.lifecycle.stopDuringCommand = 1
    #expect(harness.run(CommandLineOptions(inputs: [.commands("a\nb")]), interactive: false)
              == 130)
    #expect(harness.engine.lines == ["a"])
  }

  @Test func scriptFromStandardInputIsNamedStdin() {
    let harness = Harness()
    harness.scripts["-"] = ["fail"]
    #expect(harness.run(CommandLineOptions(inputs: [.script("-")]), interactive: false) == 1)
    #expect(harness.engine.origins == [LineOrigin(file: "<stdin>", line: 1)])
  }
}
