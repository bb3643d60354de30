import ArgumentParser
import Foundation
import Lagrange
import OpenBLASControl

/// Entry point with DESIGN.md's exit statuses: usage errors (found while parsing) exit 2,
/// bad input or a failed fit (thrown while running) exit 1 with one line on standard error.
@main
enum Main {
    /// Commands that never call BLAS or LAPACK (reading, inspecting and splitting
    /// files; help and version): they skip the kernel restart, which costs a second process
    /// start (~15–25 ms here) and would buy them nothing.
    static func usesNoBLAS(_ arguments: [String]) -> Bool {
        guard arguments.count > 1 else { return true }
        return ["describe", "inspect", "split", "help", "--help", "-h", "--version"].contains(arguments[1])
    }

    static func main() {
        if !usesNoBLAS(CommandLine.arguments) { OpenBLASControl.restartWithFittingKernels() }
        Console.reserveStandardDescriptors()
        SignalCleanup.install()
        OpenBLASControl.parkWorkerThreads()
        if let problem = CommandGroup.unknownHelpTopic(Array(CommandLine.arguments.dropFirst())) {
            Console.error(problem + " (see lagrange --help)")
            exit(2)
        }
        var command: ParsableCommand
        do {
            command = try LagrangeCommand.parseAsRoot()
        } catch {
            let code = LagrangeCommand.exitCode(for: error)
            if code == .success { LagrangeCommand.exit(withError: error) }
            Console.error(LagrangeCommand.message(for: error) + " (see --help)")
            exit(2)
        }
        do {
            try command.run()
        } catch let exit as ExitCode {
            LagrangeCommand.exit(withError: exit)
        } catch where LagrangeCommand.exitCode(for: error) == .success {
            // `--help` and `help COMMAND` parse to a help command whose run() throws the help text.
            LagrangeCommand.exit(withError: error)
        } catch {
            Console.error(FlagNames.message(for: error, command: command))
            exit(1)
        }
    }
}
