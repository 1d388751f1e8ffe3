package net.mfagateway.gateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One {@code GET /v1/connections/{id}/codes/next} over a raw socket. {@link #open} only sends
 * the request, so a thousand can be parked from one thread; {@link #await} blocks for the answer
 * and notes the nanoTime its first byte arrived.
 */
final class LongPoll implements AutoCloseable {

    private final Socket socket;

    /** The answer: status, body, and when its first byte was read (nanoTime). */
    record Response(int status, String body, long firstByte) {
    }

    private LongPoll(Socket socket) {
        this.socket = socket;
    }

    static LongPoll open(int port, String token, String connectionId, String query) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(120_000);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        String req = "GET /v1/connections/" + connectionId + "/codes/next?" + query + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Connection: close\r\n\r\n";
        s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return new LongPoll(s);
    }

    /** Blocks until the whole response is read (the server closes: Connection: close). */
    Response await() throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        int first = in.read();
        long firstByte = System.nanoTime();
        if (first == -1) {
            throw new IOException("gateway closed the long-poll without answering");
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(first);
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int status = Integer.parseInt(text.substring(9, 12));
        int bodyAt = text.indexOf("\r\n\r\n");
        return new Response(status, bodyAt < 0 ? "" : text.substring(bodyAt + 4), firstByte);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
