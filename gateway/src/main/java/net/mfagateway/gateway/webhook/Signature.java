package net.mfagateway.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Mfa-Gateway-Signature} of a webhook request: {@code sha256=HEX}, the HMAC-SHA256
 * keyed with the webhook's secret (its UTF-8 bytes) of {@code TIMESTAMP + "." + body}, where
 * TIMESTAMP is the {@code X-Mfa-Gateway-Timestamp} value (Unix seconds, in decimal).
 */
public final class Signature {

    private Signature() {
    }

    public static String of(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
