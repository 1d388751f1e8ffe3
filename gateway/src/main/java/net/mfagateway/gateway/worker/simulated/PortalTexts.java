package net.mfagateway.gateway.worker.simulated;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the {@link SimulatedPortal} texts a code: as Twilio delivers an incoming SMS to a number's
 * webhook, a signed form POST ({@code X-Twilio-Signature}: base64 HMAC-SHA1, keyed with the auth
 * token, of the URL followed by the sorted parameters' names and values).
 */
final class PortalTexts {

    /** The short code the simulated utility texts from. */
    static final String FROM = "73737";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final URI webhook;
    private final String signedUrl;
    private final String authToken;

    PortalTexts(URI webhook, String signedUrl, String authToken) {
        this.webhook = webhook;
        this.signedUrl = signedUrl;
        this.authToken = authToken;
    }

    /** Delivers the text; true when the webhook took it (HTTP 200). */
    boolean send(String to, String body) throws IOException, InterruptedException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("MessageSid", "SM" + Long.toUnsignedString(random.nextLong(), 16) + Long.toUnsignedString(random.nextLong(), 16));
        p.put("AccountSid", "ACsimulated");
        p.put("From", FROM);
        p.put("To", to);
        p.put("Body", body);
        p.put("NumMedia", "0");
        String form = p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest req = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature(p))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private String signature(Map<String, String> params) {
        StringBuilder data = new StringBuilder(signedUrl);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every JVM", e);
        }
    }
}
