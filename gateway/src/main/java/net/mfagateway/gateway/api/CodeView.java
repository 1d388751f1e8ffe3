package net.mfagateway.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Event;

/** The JSON shapes of CONTRACT.md, built from stored records. */
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
        return m;
    }

    /** The same shape webhooks POST: one renderer for both. */
    static Map<String, Object> of(Event e) {
        return e.toWire();
    }
}
