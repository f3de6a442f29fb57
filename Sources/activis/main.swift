import ActivisShell
import Foundation

exit(ShellMain.run(arguments: CommandLine.arguments,
                   environment: ProcessInfo.processInfo.environment))
