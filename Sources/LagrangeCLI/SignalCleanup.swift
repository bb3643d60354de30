#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Lagrange

/// On SIGINT, SIGTERM or SIGHUP during an atomic write, the temporary file beside the target
/// is removed (`TemporaryFiles`) before the program dies of the signal, so an interrupted
/// `fit` or `predict` leaves the old file and nothing else. The handler calls only
/// async-signal-safe functions: unlink(2) (inside `removeAllFromSignalHandler`), signal(2)
/// and raise(3) — re-raising with the default action keeps the exit status a shell expects.
///
/// SIGXFSZ (a file-size limit reached) is ignored instead, so the write fails with EFBIG and
/// the command reports it as an error line with the old file intact.
enum SignalCleanup {
    /// Installs the handlers and unblocks their signals: a launcher that starts programs with
    /// them blocked (test runners do) would otherwise defer them to exit, past the clean-up.
    /// Called first thing in `main`, so every later thread inherits the mask.
    static func install() {
        TemporaryFiles.prepare()
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            _ = signal(signalNumber, handler)
            sigaddset(&unblocked, signalNumber)
        }
        _ = sigprocmask(SIG_UNBLOCK, &unblocked, nil)
        _ = signal(SIGXFSZ, SIG_IGN)
    }

    private static let handler: @convention(c) (Int32) -> Void = { signalNumber in
        TemporaryFiles.removeAllFromSignalHandler()
        _ = signal(signalNumber, SIG_DFL)
        _ = raise(signalNumber)
    }
}
