import PortalViewModels

/// `changes.xml` as an Atom feed (RFC 4287): every value escaped as XML text, and the characters
/// XML 1.0 does not allow at all (most control characters) dropped, so that no export can make
/// the feed unreadable.
public enum AtomFeed {
    public static func file(_ feed: ChangeFeed) -> [UInt8] {
        var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        text += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(escaped(feed.language))\">\n"
        text += "  <id>\(escaped(feed.id))</id>\n"
        text += "  <title>\(escaped(feed.title))</title>\n"
        text += "  <updated>\(feed.updated.iso8601)</updated>\n"
        text += "  <author><name>\(escaped(feed.authorName))</name></author>\n"
        text += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(escaped(feed.pageLink))\"/>\n"
        text += "  <generator>csp-portal</generator>\n"
        for entry in feed.entries {
            text += "  <entry>\n"
            text += "    <id>\(escaped(entry.id))</id>\n"
            text += "    <title>\(escaped(entry.title))</title>\n"
            text += "    <updated>\(entry.updated.iso8601)</updated>\n"
            text += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escaped(entry.link))\"/>\n"
            text += "    <summary>\(escaped(entry.summary))</summary>\n"
            text += "  </entry>\n"
        }
        text += "</feed>\n"
        return Array(text.utf8)
    }

    /// XML text and attribute values: `& < > " '` as entities; a carriage return as `&#13;` (a
    /// parser would turn a raw one into a line feed); characters XML 1.0 forbids left out.
    static func escaped(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
