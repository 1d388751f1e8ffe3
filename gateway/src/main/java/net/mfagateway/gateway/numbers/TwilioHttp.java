package net.mfagateway.gateway.numbers;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Twilio SDK's HTTP transport on {@code java.net.http}. With an API base set, each request
 * goes there instead of {@code https://api.twilio.com} (same path and query): how tests, or a
 * Twilio-compatible proxy, stand in for Twilio's cloud.
 */
final class TwilioHttp extends HttpClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Optional<URI> apiBase;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    TwilioHttp(Optional<URI> apiBase) {
        this.apiBase = apiBase;
    }

    @Override
    public Response makeRequest(Request request) {
        URI url = target(URI.create(request.constructURL().toString()));
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", "mfa-gateway twilio-java");
        if (request.requiresAuthentication()) {
            b.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> h : request.getHeaderParams().entrySet()) {
            for (String v : h.getValue()) {
                b.header(h.getKey(), v);
            }
        }
        String method = request.getMethod().toString();
        if (method.equals("POST") || method.equals("PUT")) {
            boolean json = request.getContentType() == EnumConstants.ContentType.JSON;
            b.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded");
            String body = json ? request.getBody() : request.encodeFormBody();
            b.method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.body(), r.statusCode());
        } catch (IOException e) {
            throw new ApiConnectionException("cannot reach " + url.getHost() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted calling " + url.getHost(), e);
        }
    }

    private URI target(URI url) {
        if (apiBase.isEmpty()) {
            return url;
        }
        URI base = apiBase.get();
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        try {
            return new URI(base.getScheme(), base.getRawAuthority(), null, null, null).resolve(
                    prefix + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad Twilio API base " + base, e);
        }
    }
}
