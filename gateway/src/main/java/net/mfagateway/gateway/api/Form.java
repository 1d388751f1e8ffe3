package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A posted HTML form ({@code application/x-www-form-urlencoded}), fields in the order the browser sent them. */
record Form(Map<String, List<String>> fields) {

    /** More fields than any of the hosted page's forms has; the rest are ignored. */
    private static final int MAX_FIELDS = 200;

    Form {
        fields = Map.copyOf(fields);
    }

    static Form of(byte[] body) {
        return new Form(new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false,
                MAX_FIELDS).parameters());
    }

    /** The first value of the field; empty string when absent. */
    String first(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** Every value of a repeated field, in order. */
    List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }
}
