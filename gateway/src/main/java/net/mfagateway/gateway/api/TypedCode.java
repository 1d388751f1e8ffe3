package net.mfagateway.gateway.api;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A code a person typed, read the way the person meant it: spaces and hyphens dropped (portals
 * show "482 913" or "482-913"), then 4 to 10 letters or digits. Shared by the API and the hosted
 * page, so both accept the same codes.
 */
final class TypedCode {

    static final String RULE = "4 to 10 letters or digits (spaces and hyphens are ignored)";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]{4,10}");

    private TypedCode() {
    }

    /** The code to store, or empty when no portal would have sent this. */
    static Optional<String> parse(String raw) {
        String code = raw.replaceAll("[\\s\u00a0-]", "");
        return SHAPE.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }
}
