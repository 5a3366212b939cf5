/// Distinct texts, each stored once and named by a number; 0 names no text.
///
/// Texts are found by their UTF-8 bytes in a table of its own rather than a `[String: UInt32]`:
/// a million events look up eight texts each, and `String` hashing (SipHash over text that may need
/// Unicode normalization) was a third of the time it took to read the log. Texts are kept exactly
/// as written: two spellings of the same accented name are two texts.
public struct InternedTexts: Sendable {
    public init() {}

    private var texts: [String] = [""]
    /// The bytes of every text, one after the other.
    private var bytes: [UInt8] = []
    /// Open addressing, linear probing, never more than half full. A slot holds where a text's bytes
    /// are as well as its number and the top of its hash, so that a probe reads one slot and then
    /// the bytes: the table outgrows the processor's caches, and every array read is a miss.
    private var slots = [Slot](repeating: Slot(), count: 256)

    private struct Slot: Sendable {
        /// The text's number in the low 32 bits, the top of its hash in the high ones; 0 when empty.
        var tagAndNumber: UInt64 = 0
        var start: UInt32 = 0
        var count: UInt32 = 0
    }

    /// How many distinct texts are stored.
    public var count: Int { texts.count - 1 }

    /// The number of `text`, given it the first time it is seen; 0 for nil.
    public mutating func number(of text: String?) -> UInt32 {
        guard let text else { return 0 }
        var contiguous = text
        return contiguous.withUTF8 { utf8 in number(of: utf8, text: text) }
    }

    private mutating func number(of utf8: UnsafeBufferPointer<UInt8>, text: String) -> UInt32 {
        let hash = Self.hash(utf8)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].tagAndNumber != 0 {
            let slot = slots[index]
            if slot.tagAndNumber & 0xFFFF_FFFF_0000_0000 == tag && Int(slot.count) == utf8.count && holds(slot, utf8) {
                return UInt32(truncatingIfNeeded: slot.tagAndNumber)
            }
            index = (index + 1) & mask
        }
        precondition(bytes.count + utf8.count <= UInt32.max, "an activity log with more than 4 GB of distinct texts")
        let number = UInt32(texts.count)
        texts.append(text)
        slots[index] = Slot(tagAndNumber: tag | UInt64(number), start: UInt32(bytes.count), count: UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
        if texts.count * 2 > slots.count { grow() }
        return number
    }

    private func holds(_ slot: Slot, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in
            let start = Int(slot.start)
            var index = 0
            while index < utf8.count {
                if stored[start + index] != utf8[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// Rehashes from the bytes: growing happens a few times in a load, so keeping each text's hash
    /// would cost more memory than it saves time.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        bytes.withUnsafeBufferPointer { stored in
            for slot in old where slot.tagAndNumber != 0 {
                let text = UnsafeBufferPointer(rebasing: stored[Int(slot.start)..<Int(slot.start) + Int(slot.count)])
                var index = Int(truncatingIfNeeded: Self.hash(text)) & mask
                while slots[index].tagAndNumber != 0 { index = (index + 1) & mask }
                slots[index] = slot
            }
        }
    }

    /// Eight bytes at a time, multiplied and folded (the texts are ids, names and e-mail addresses,
    /// not adversarial: a poor spread costs time, never a wrong answer).
    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(utf8.count)
        var offset = 0
        let raw = UnsafeRawBufferPointer(utf8)
        while offset + 8 <= utf8.count {
            hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        if offset < utf8.count {
            var tail: UInt64 = 0
            for (shift, byte) in utf8[offset...].enumerated() { tail |= UInt64(byte) << (8 * shift) }
            hash = mix(hash ^ tail)
        }
        return mix(hash)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
        return product.high ^ product.low
    }

    /// The text named `number`; nil for 0.
    public subscript(number: UInt32) -> String? {
        number == 0 ? nil : texts[Int(number)]
    }
}
