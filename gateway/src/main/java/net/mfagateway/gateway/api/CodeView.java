package net.mfagateway.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Event;

/**
 * The JSON shapes of CONTRACT.md, built from stored records. A connection also carries
 * {@code diagnosis} (why it is in its status, when that needs explaining) and {@code login} (the
 * in-service worker's settings) when present.
 */
final class CodeView {

    private CodeView() {
    }

    static Map<String, Object> of(Code c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("code", c.code());
        m.put("kind", c.kind());
        m.put("receivedAt", c.receivedAt().toString());
        m.put("channel", c.channel());
        m.put("sender", c.sender());
        m.put("originalSender", c.originalSender());
        m.put("forwarding", c.forwarding());
        m.put("utility", c.utility());
        m.put("ruleId", c.ruleId());
        m.put("senderStatus", c.senderStatus());
        m.put("confidence", c.confidence());
        return m;
    }

    static Map<String, Object> of(Connection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("utility", c.utility());
        m.put("label", c.label());
        m.put("email", c.email());
        m.put("phone", c.phone());
        m.put("status", c.status().wireName());
        m.put("createdAt", c.createdAt().toString());
        m.put("copyTo", c.copyTo());
        if (c.diagnosis() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("reason", c.diagnosis().reason());
            d.put("message", c.diagnosis().message());
            d.put("advice", c.diagnosis().advice());
            d.put("at", c.diagnosis().at().toString());
            m.put("diagnosis", d);
        }
        if (c.login() != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("driver", c.login().driver());
            l.put("url", c.login().url());
            l.put("username", c.login().username());
            l.put("everySeconds", c.login().everySeconds());
            m.put("login", l);
        }
        return m;
    }

    /** The same shape webhooks POST: one renderer for both. */
    static Map<String, Object> of(Event e) {
        return e.toWire();
    }
}
