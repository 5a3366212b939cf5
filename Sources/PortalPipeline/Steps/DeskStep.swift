import PortalRender
import PortalSupport
import PortalViewModels
import PortalWrite

/// `desk/index.html`: the partner's cancellation desk, in the site's language and zone. It names
/// every customer, so it sits beside the overview, never under `customers/`.
///
/// The page is written a piece at a time: the `desk` template renders the page around the entries,
/// and each section's marker line (`<!--entries:open-->`) is replaced by its entries, each rendered
/// with `partials/desk-entry` as it is written. 50,000 customers make a desk of about 110 MB.
struct DeskStep: SiteStep {
    static let entryTemplate = "partials/desk-entry"
    /// Entries are written in pieces of about this many bytes rather than one system call each.
    static let pieceSize = 1 << 20

    var templates: [String] { ["desk", Self.entryTemplate] }

    func publish(_ context: PublishingContext, into staged: StagedSite) async throws(OutputError) -> [String] {
        let page = CancellationDeskPage(context.site, format: context.partnerFormat)
        let frame = context.templates.renderPage(page, template: "desk")
        var notes: [String] = []
        try staged.write(path: CancellationDeskPage.path) { append throws(OutputError) in
            var piece: [UInt8] = []
            piece.reserveCapacity(Self.pieceSize + 64 * 1024)
            var position = 0
            for section in page.sections where !section.isEmpty {
                let marker = Array((section.kind.marker + "\n").utf8)
                guard let slot = frame.firstRange(of: marker, from: position) else {
                    notes.append("\(CancellationDeskPage.path): no \(section.kind.marker) line in the desk template; that section's "
                                 + "entries (\(section.count)) are on the page only where the template lists them itself")
                    continue
                }
                piece += frame[position..<slot.lowerBound]
                for entry in section {
                    // renderText: an entry is a piece of the page, whose policy the frame already carries.
                    piece += context.templates.renderText(entry, template: Self.entryTemplate).utf8
                    if piece.count >= Self.pieceSize {
                        try append(piece)
                        piece.removeAll(keepingCapacity: true)
                    }
                }
                position = slot.upperBound
            }
            piece += frame[position...]
            try append(piece)
        }
        return notes
    }
}
