/// SplitMix64: a small seeded generator. The same seed gives the same data set, and a random test
/// that fails replays identically.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(state: UInt64) {
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator {
    /// Picks from `choices` in proportion to their weights.
    mutating func weighted<Element>(_ choices: [(Element, Int)]) -> Element {
        var roll = Int.random(in: 0..<choices.reduce(0) { $0 + $1.1 }, using: &self)
        for (element, weight) in choices {
            if roll < weight { return element }
            roll -= weight
        }
        return choices[choices.count - 1].0
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Double) -> Bool {
        Double.random(in: 0..<100, using: &self) < percent
    }

    /// A GUID as Partner Center writes tenant and subscription ids, lower case.
    mutating func guid() -> String {
        let hex = Array("0123456789abcdef")
        let groups = [8, 4, 4, 4, 12]
        return groups.map { length in String((0..<length).map { _ in hex[Int.random(in: 0..<16, using: &self)] }) }
            .joined(separator: "-")
    }
}
