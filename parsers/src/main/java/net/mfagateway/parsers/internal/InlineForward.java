package net.mfagateway.parsers.internal;

import java.util.List;
import net.mfagateway.parsers.Link;

/**
 * A person's inline forward, taken apart: the author of the innermost forwarded message, its
 * subject, its visible text and links, and the forwarder's own words around it. When several
 * messages were forwarded side by side, subject and text hold each of them, one after another.
 */
record InlineForward(String originalSender, String subject, String text, List<Link> links, String outerText) {

    InlineForward {
        links = List.copyOf(links);
    }
}
