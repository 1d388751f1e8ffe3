package net.mfagateway.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Twilio's REST API for phone numbers, on loopback: searching local numbers, buying one and
 * releasing it, answering JSON in Twilio's shapes. Records every request for the test to check.
 */
public final class FakeTwilio implements AutoCloseable {

    public static final String ACCOUNT = "ACfake0000000000000000000000000001";

    /** What the fake does to the next search and purchase. */
    public enum Mode { SELL, NO_NUMBERS, FAIL_500 }

    public record Recorded(String method, String path, Map<String, String> query, Map<String, String> form,
            String authorization) {
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger sold = new AtomicInteger();
    private volatile Mode mode = Mode.SELL;

    public FakeTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void mode(Mode m) {
        mode = m;
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The number the n-th purchase (from 1) hands out, and its SID. */
    public static String number(int n) {
        return "+1555010" + String.format("%04d", 7000 + n);
    }

    public static String sid(int n) {
        return "PN" + String.format("%032d", n);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Recorded(ex.getRequestMethod(), path, decode(ex.getRequestURI().getRawQuery()), decode(body),
                    ex.getRequestHeaders().getFirst("Authorization")));
            String accountPrefix = "/2010-04-01/Accounts/" + ACCOUNT;
            if (mode == Mode.FAIL_500 && !ex.getRequestMethod().equals("DELETE")) {
                send(ex, 500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"more_info\":"
                        + "\"https://www.twilio.com/docs/errors/20500\",\"status\":500}");
            } else if (ex.getRequestMethod().equals("GET")
                    && path.equals(accountPrefix + "/AvailablePhoneNumbers/US/Local.json")) {
                String uri = accountPrefix + "/AvailablePhoneNumbers/US/Local.json";
                String numbers = mode == Mode.NO_NUMBERS ? "" : "{\"friendly_name\":\"(555) 010-7xxx\",\"phone_number\":\""
                        + number(sold.get() + 1) + "\",\"lata\":\"132\",\"locality\":\"New York\",\"rate_center\":"
                        + "\"NWYRCYZN01\",\"latitude\":\"40.7\",\"longitude\":\"-74.0\",\"region\":\"NY\",\"postal_code\":"
                        + "\"10001\",\"iso_country\":\"US\",\"address_requirements\":\"none\",\"beta\":false,"
                        + "\"capabilities\":{\"voice\":true,\"SMS\":true,\"MMS\":true}}";
                send(ex, 200, "{\"available_phone_numbers\":[" + numbers + "],\"end\":0,\"first_page_uri\":\"" + uri
                        + "?PageSize=1&Page=0\",\"next_page_uri\":null,\"page\":0,\"page_size\":1,"
                        + "\"previous_page_uri\":null,\"start\":0,\"uri\":\"" + uri + "?PageSize=1&Page=0\"}");
            } else if (ex.getRequestMethod().equals("POST") && path.equals(accountPrefix + "/IncomingPhoneNumbers.json")) {
                int n = sold.incrementAndGet();
                Map<String, String> form = decode(body);
                send(ex, 201, "{\"sid\":\"" + sid(n) + "\",\"account_sid\":\"" + ACCOUNT + "\",\"phone_number\":\""
                        + form.get("PhoneNumber") + "\",\"friendly_name\":\"" + form.get("PhoneNumber")
                        + "\",\"sms_url\":\"" + form.get("SmsUrl") + "\",\"sms_method\":\"" + form.get("SmsMethod")
                        + "\",\"api_version\":\"2010-04-01\",\"status\":\"in-use\",\"uri\":\"" + accountPrefix
                        + "/IncomingPhoneNumbers/" + sid(n) + ".json\"}");
            } else if (ex.getRequestMethod().equals("DELETE") && path.startsWith(accountPrefix + "/IncomingPhoneNumbers/PN")) {
                ex.sendResponseHeaders(204, -1);
            } else {
                send(ex, 404, "{\"code\":20404,\"message\":\"The requested resource " + path
                        + " was not found\",\"more_info\":\"https://www.twilio.com/docs/errors/20404\",\"status\":404}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> decode(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
