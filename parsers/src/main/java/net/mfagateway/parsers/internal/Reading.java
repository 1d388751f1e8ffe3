package net.mfagateway.parsers.internal;

import java.util.List;
import net.mfagateway.parsers.Forwarding;
import net.mfagateway.parsers.Link;

/** What one message (the outer one, or an attached one) comes to, before it becomes an InboundMessage. */
record Reading(String sender, String originalSender, Forwarding forwarding, String subject, String text,
               List<Link> links, String outerText) {

    Reading {
        links = List.copyOf(links);
    }
}
