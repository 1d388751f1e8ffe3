package net.mfagateway.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;

/**
 * The hosted pages as a browser without JavaScript uses them, over plain HTTP: no redirects
 * followed, the session cookie carried by hand, forms posted url-encoded from this gateway's
 * origin unless a test says otherwise.
 */
public final class PageClient {

    private final TestGateway gw;
    private String cookie;

    public PageClient(TestGateway gw) {
        this.gw = gw;
    }

    /** The path of an invitation URL, sent to the test gateway (whose PUBLIC_URL is the default). */
    public static String path(String url) {
        return URI.create(url).getRawPath();
    }

    public String origin() {
        return "http://127.0.0.1:" + gw.httpPort();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return gw.send(withCookie(HttpRequest.newBuilder(gw.uri(path))).GET().build());
    }

    /** Posts the form from this gateway's origin; keeps the session cookie a response sets. */
    public HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return post(path, encode(fields), origin());
    }

    public HttpResponse<String> post(String path, String body, String origin) throws IOException, InterruptedException {
        HttpRequest.Builder b = withCookie(HttpRequest.newBuilder(gw.uri(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        HttpResponse<String> r = gw.send(b.build());
        r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        return r;
    }

    /** Opens the link and presses Continue: the session is this client's from now on. */
    public HttpResponse<String> claim(String url) throws IOException, InterruptedException {
        return post(path(url), Map.of());
    }

    /** The form token of the page this client's session sees. */
    public String formToken() throws IOException, InterruptedException {
        return Jsoup.parse(get("/i/").body()).selectFirst("input[name=csrf]").attr("value");
    }

    public String cookie() {
        return cookie;
    }

    public void useCookie(String cookie) {
        this.cookie = cookie;
    }

    public static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private HttpRequest.Builder withCookie(HttpRequest.Builder b) {
        return cookie == null ? b : b.header("Cookie", cookie);
    }
}
