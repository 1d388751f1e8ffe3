package net.mfagateway.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature rule of CONTRACT.md, checked against a value computed outside Java. */
class SignatureTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256AsLowerCaseHex() {
        // Expected value from Python: hmac.new(b"whsec-test-0123456789", b'1700000000.{"a":1}', "sha256").hexdigest()
        String signature = Signature.of("whsec-test-0123456789".getBytes(StandardCharsets.UTF_8), 1_700_000_000L,
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(signature).isEqualTo("sha256=ba8ec7f38c4e076a99176a1bf98ae9f2f3f4e18412b46a5913ddcf5685932c6a");
    }

    @Test
    void anotherTimestampGivesAnotherSignature() {
        byte[] secret = "whsec-test-0123456789".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(Signature.of(secret, 1_700_000_001L, body)).isNotEqualTo(Signature.of(secret, 1_700_000_000L, body));
    }
}
