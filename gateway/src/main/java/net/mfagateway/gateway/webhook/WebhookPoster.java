package net.mfagateway.gateway.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import net.mfagateway.gateway.secrets.SecretBox;
import net.mfagateway.gateway.store.Delivery;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Webhook;

/**
 * POSTs one event to one webhook: the body is the event exactly as
 * {@code GET /v1/connections/{id}/events} shows it, signed per {@link Signature} with a
 * timestamp taken at this attempt. Only a 2xx answer counts; redirects are not followed.
 */
final class WebhookPoster implements Courier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final SecretBox box;
    private final Clock clock;
    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    WebhookPoster(Store store, SecretBox box, Clock clock, Duration connectTimeout, Duration requestTimeout) {
        this.store = store;
        this.box = box;
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public Outcome attempt(Delivery d) throws InterruptedException {
        Optional<Webhook> hook = store.webhook(d.target());
        if (hook.isEmpty()) {
            return new Outcome.Dropped("webhook_deleted");
        }
        Optional<Event> event = store.events(d.connectionId()).stream().filter(e -> e.id().equals(d.ref())).findFirst();
        if (event.isEmpty()) {
            return new Outcome.Dropped("event_missing");
        }
        byte[] secret;
        try {
            secret = box.open(hook.get().sealedSecret(), Webhook.secretOwner(hook.get().id()));
        } catch (SecretBox.Unreadable e) {
            return new Outcome.Failed("the webhook secret does not open (" + e.getMessage()
                    + "); was MFA_GATEWAY_SECRET_KEY or DATA_DIR/secret-key changed?");
        }
        byte[] body = body(event.get());
        long timestamp = clock.instant().getEpochSecond();
        String signature = Signature.of(secret, timestamp, body);
        Arrays.fill(secret, (byte) 0);
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.get().url()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "mfa-gateway")
                .header("X-Mfa-Gateway-Timestamp", Long.toString(timestamp))
                .header("X-Mfa-Gateway-Signature", signature)
                .header("X-Mfa-Gateway-Event", event.get().type())
                .header("X-Mfa-Gateway-Delivery", d.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? new Outcome.Delivered("status=" + status)
                    : new Outcome.Failed("HTTP " + status);
        } catch (HttpConnectTimeoutException e) {
            return new Outcome.Failed("no connection within " + connectTimeout.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return new Outcome.Failed("no answer within " + requestTimeout.toSeconds() + " s");
        } catch (IOException e) {
            return new Outcome.Failed(reason(e));
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** The failure and its first cause that says something: "ConnectException: Connection refused". */
    private static String reason(IOException e) {
        Throwable said = e;
        while (said.getMessage() == null && said.getCause() != null) {
            said = said.getCause();
        }
        return e.getClass().getSimpleName() + (said.getMessage() == null ? "" : ": " + said.getMessage());
    }

    /** The event's JSON, the shape the API renders it in ({@link Event#toWire}). */
    static byte[] body(Event event) {
        try {
            return JSON.writeValueAsBytes(event.toWire());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id() + " is not serialisable", e);
        }
    }
}
