package net.mfagateway.parsers.internal;

import java.util.ArrayList;
import java.util.List;
import net.mfagateway.parsers.Link;

/** Visible text and the links in it, each placed at the offset in the text where its anchor starts. */
record RenderedText(String text, List<PlacedLink> links) {

    /** A link and the offset of its anchor text in {@link RenderedText#text()}. */
    record PlacedLink(int offset, Link link) {
    }

    RenderedText {
        links = List.copyOf(links);
    }

    boolean isBlank() {
        return text.isBlank();
    }

    List<Link> plainLinks() {
        return links.stream().map(PlacedLink::link).toList();
    }

    /** Several renderings one after another, separated by a blank line. */
    static RenderedText join(List<RenderedText> pieces) {
        if (pieces.size() == 1) {
            return pieces.get(0);
        }
        StringBuilder text = new StringBuilder();
        List<PlacedLink> links = new ArrayList<>();
        for (RenderedText piece : pieces) {
            if (piece.isBlank()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            int shift = text.length();
            text.append(piece.text());
            for (PlacedLink link : piece.links()) {
                links.add(new PlacedLink(link.offset() + shift, link.link()));
            }
        }
        return new RenderedText(text.toString(), links);
    }
}
