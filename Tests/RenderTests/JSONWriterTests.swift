import Testing
import PortalRender
import PortalViewModels

@Suite("JSON writer")
struct JSONWriterTests {
    static let document = JSONValue.object([
        ("text", .string("a\"b\\c\nd\re\tf\u{1}g\u{1F}h\u{2028}i\u{2029}jé€日")),
        ("empty", .array([])),
        ("lazy", .lazyArray(LazyJSONArray(count: 3) { .object([("n", .int($0)), ("ok", .bool($0 % 2 == 0)), ("none", .null)]) })),
        ("emptyObject", .object([])),
    ])

    @Test("Escapes what JSON and JavaScript need, keeps other text as UTF-8, keys in order")
    func text() {
        let expected = """
        {
          "text": "a\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\\u2028i\\u2029jé€日",
          "empty": [],
          "lazy": [
            {
              "n": 0,
              "ok": true,
              "none": null
            },
            {
              "n": 1,
              "ok": false,
              "none": null
            },
            {
              "n": 2,
              "ok": true,
              "none": null
            }
          ],
          "emptyObject": {}
        }

        """
        #expect(JSONWriter.text(Self.document) == expected)
    }

    @Test("Written in small pieces, the bytes are the same; a lazy array equals its elements")
    func pieces() {
        var pieces: [[UInt8]] = []
        JSONWriter.write(Self.document, pieceSize: 16) { pieces.append($0) }
        #expect(pieces.count > 3)
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == JSONWriter.text(Self.document))
        #expect(JSONValue.lazyArray(LazyJSONArray(count: 2) { .int($0) }) == .array([.int(0), .int(1)]))
        #expect(JSONValue.lazyArray(LazyJSONArray(count: 2) { .int($0) }) != .array([.int(0)]))
    }
}
