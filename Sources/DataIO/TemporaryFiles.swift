#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The temporary files of atomic writes in progress, so that a program interrupted by a signal
/// can remove them. The library never installs a signal handler (the process belongs to the
/// program): a program that wants the clean-up calls `prepare()` once, then from its SIGINT /
/// SIGTERM handler calls `removeAllFromSignalHandler()` before dying of the signal.
///
/// Layout: one table of `slotCount` slots of `slotBytes` bytes, allocated once and never freed.
/// A slot's first byte is its state (0 free, 1 holds a path), then the path, NUL-terminated.
/// Writers claim and release slots under a lock; the signal handler takes no lock and
/// allocates nothing — it reads state bytes and calls `unlink(2)`, which is async-signal-safe.
/// A path is published (copied, then its state set) before the temporary file is created, and
/// released only after the file has been renamed or removed, so the handler can at worst
/// unlink a name that no longer exists (the names carry 64 random bits, so never another file).
public enum TemporaryFiles {
    static let slotCount = 16
    static let slotBytes = 4_096

    nonisolated(unsafe) private static let table: UnsafeMutablePointer<CChar> = {
        let table = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotBytes)
        table.initialize(repeating: 0, count: slotCount * slotBytes)
        return table
    }()

    private static let lock = NSLock()

    /// Allocates the table, so the signal handler never runs its one-time initialization.
    public static func prepare() {
        _ = table
    }

    /// Removes every registered temporary file. Async-signal-safe: call it from a signal handler.
    public static func removeAllFromSignalHandler() {
        removeRegistered(inDirectory: nil)
    }

    /// The handler's loop; tests pass a directory (with its trailing slash) so that they remove
    /// only their own files while other tests write concurrently.
    static func removeRegistered(inDirectory directory: UnsafePointer<CChar>?) {
        let table = self.table
        var slot = 0
        while slot < slotCount {
            let entry = table + slot * slotBytes
            if entry[0] == 1, directory == nil || strncmp(entry + 1, directory!, strlen(directory!)) == 0 {
                _ = unlink(entry + 1)
            }
            slot += 1
        }
    }

    /// Publishes `path`; the slot to release, or nil when the path is too long or every slot
    /// is taken (the write goes on, without clean-up on a signal).
    static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < slotBytes - 1, !bytes.contains(0) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        for slot in 0..<slotCount where table[slot * slotBytes] == 0 {
            let entry = table + slot * slotBytes
            for (offset, byte) in bytes.enumerated() { entry[1 + offset] = CChar(bitPattern: byte) }
            entry[1 + bytes.count] = 0
            entry[0] = 1
            return slot
        }
        return nil
    }

    /// Releases a slot from `register`.
    static func release(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        table[slot * slotBytes] = 0
    }

    /// The registered paths (tests).
    static var registered: [String] {
        lock.lock()
        defer { lock.unlock() }
        return (0..<slotCount).compactMap { slot in
            let entry = table + slot * slotBytes
            return entry[0] == 1 ? String(cString: entry + 1) : nil
        }
    }
}
