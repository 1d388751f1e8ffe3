package net.mfagateway.parsers;

import java.util.Objects;

/** A hyperlink a reader can see: the URL as a browser would request it, and its anchor text. */
public record Link(String url, String text) {
    public Link {
        Objects.requireNonNull(url, "url");
        text = text == null ? "" : text;
    }
}
