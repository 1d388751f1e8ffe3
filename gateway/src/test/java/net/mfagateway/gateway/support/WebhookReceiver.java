package net.mfagateway.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback (JDK {@code HttpServer}), in the shape of OkHttp's
 * MockWebServer: it records every request, answers the statuses queued with {@link #enqueue}
 * (then {@link #answerByDefault}), and can hold requests open until released.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names in lower case. */
    public record Recorded(String method, String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Recorded> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile int defaultStatus = 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A receiver on a free port. */
    public static WebhookReceiver start() throws IOException {
        return new WebhookReceiver(0);
    }

    /** A receiver on {@code port} (e.g. one the gateway already failed to reach). */
    public static WebhookReceiver start(int port) throws IOException {
        return new WebhookReceiver(port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    /** Answers the next requests with these statuses, in order. */
    public void enqueue(int... next) {
        for (int s : next) {
            statuses.add(s);
        }
    }

    /** The status once the queue is empty (200 unless set). */
    public void answerByDefault(int status) {
        defaultStatus = status;
    }

    /** Holds every request from now on (recorded first) until the returned latch is counted down. */
    public CountDownLatch holdRequests() {
        CountDownLatch latch = new CountDownLatch(1);
        hold = latch;
        return latch;
    }

    /** Requests being held open right now. */
    public int held() {
        return held.get();
    }

    /** The next request recorded, waiting at most {@code timeout}; null when none came. */
    public Recorded takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
        return requests.poll(timeout, unit);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        CountDownLatch latch = hold;
        boolean holding = latch.getCount() > 0;
        if (holding) {
            held.incrementAndGet(); // before it is recorded: a test that took it sees it held
        }
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
        if (holding) {
            try {
                latch.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
        Integer queued = statuses.poll();
        exchange.sendResponseHeaders(queued != null ? queued : defaultStatus, -1);
        exchange.close();
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
