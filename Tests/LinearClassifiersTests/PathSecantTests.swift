import Foundation
@testable import LinearClassifiers
import Testing

/// The secant warm start's arithmetic (`PathSecant`), against closed forms.
@Suite struct PathSecantTests {
    typealias Secant = PathSecant<Double>

    /// On a geometric grid (equal steps of log λ) r = 1, so a path linear in log λ,
    /// θ(λ) = a + c·log λ, is predicted exactly: θ⁽¹⁾ + (θ⁽¹⁾ − θ⁽²⁾) = θ(λ).
    @Test func geometricGridPredictsALinearPathExactly() throws {
        let (a, c) = (2.0, 0.5)
        func theta(_ lambda: Double) -> Double { a + c * log(lambda) }
        var secant = Secant()
        secant.remember(theta(4), at: 4)
        secant.remember(theta(2), at: 2)
        let step = try #require(secant.step(to: 1))
        #expect(step.newest == theta(2) && step.older == theta(4))
        #expect(abs(step.ratio - 1) <= 4 * Double.ulpOfOne)
        let predicted = try #require(Secant.signKeeping(now: step.newest, before: step.older, ratio: step.ratio))
        #expect(abs(predicted - theta(1)) <= 8 * Double.ulpOfOne * abs(theta(1)))
    }

    /// r = log(λ/λ₁)/log(λ₁/λ₂) on an uneven grid: λ₂ = 8, λ₁ = 2, λ = 1 gives log 2 / log 4 = 1/2.
    @Test func ratioIsTheStepInLogLambda() throws {
        var secant = Secant()
        secant.remember(1, at: 8)
        secant.remember(1, at: 2)
        let step = try #require(secant.step(to: 1))
        #expect(abs(step.ratio - 0.5) <= 4 * Double.ulpOfOne)
    }

    /// No prediction from fewer than two points, or for a λ not below the newest, or when the
    /// remembered λ do not decrease.
    @Test func noStepWithoutTwoDecreasingPoints() {
        var secant = Secant()
        #expect(secant.step(to: 1) == nil)
        secant.remember(1, at: 4)
        #expect(secant.step(to: 1) == nil)
        secant.remember(1, at: 2)
        #expect(secant.step(to: 2) == nil)
        #expect(secant.step(to: 3) == nil)
        var rising = Secant()
        rising.remember(1, at: 2)
        rising.remember(1, at: 4)
        #expect(rising.step(to: 1) == nil)
    }

    /// Only the two newest points count: a third `remember` drops the oldest.
    @Test func keepsTheTwoNewestPoints() throws {
        var secant = Secant()
        secant.remember(10, at: 16)
        secant.remember(20, at: 8)
        secant.remember(30, at: 4)
        let step = try #require(secant.step(to: 2))
        #expect(step.newest == 30 && step.older == 20)
    }

    /// The secant leaves the support alone: nil when either solution is 0, when their signs
    /// differ, or when the prediction would cross or reach 0; the value otherwise.
    @Test func signKeepingLeavesTheSupportAlone() {
        #expect(Secant.signKeeping(now: 0, before: 1, ratio: 1) == nil)
        #expect(Secant.signKeeping(now: 1, before: 0, ratio: 1) == nil)
        #expect(Secant.signKeeping(now: 1, before: -1, ratio: 1) == nil)
        #expect(Secant.signKeeping(now: 1, before: 3, ratio: 1) == nil)      // 1 + (1 − 3) = −1 crosses 0
        #expect(Secant.signKeeping(now: 1, before: 2, ratio: 1) == nil)      // 1 + (1 − 2) = 0 reaches 0
        #expect(Secant.signKeeping(now: -1, before: -3, ratio: 1) == nil)
        #expect(Secant.signKeeping(now: 2, before: 1, ratio: 0.5) == 2.5)
        #expect(Secant.signKeeping(now: -2, before: -1, ratio: 0.5) == -2.5)
        #expect(Secant.signKeeping(now: .greatestFiniteMagnitude, before: 1, ratio: 2) == nil)   // overflows
    }
}
