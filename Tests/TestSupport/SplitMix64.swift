import LinearAlgebra

/// The tests draw their random data from the library's one seeded generator (SplitMix64), so
/// every random test sees the same numbers on every run and machine.
public typealias SplitMix64 = SeededGenerator
