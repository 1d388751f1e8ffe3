package net.mfagateway.gateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw-socket SMTP client that keeps one session open for many transactions, so the moment
 * the {@code 250} ending DATA is read can be timed exactly (no library between it and the socket).
 */
final class SmtpSession implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** When the last message's end-of-data was flushed and when its final reply was read (nanoTime). */
    record Timing(long endOfDataSent, long replyRead, String reply) {
    }

    SmtpSession(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        expect(readReply(), "220");
        command("EHLO bench.localhost", "250");
    }

    /** Sends one message; throws unless every step, the end of DATA included, gets its 2xx/3xx. */
    Timing send(String from, String to, byte[] message) throws IOException {
        command("MAIL FROM:<" + from + ">", "250");
        command("RCPT TO:<" + to + ">", "250");
        command("DATA", "354");
        out.write(dotStuff(message));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long sent = System.nanoTime();
        String reply = readReply();
        long read = System.nanoTime();
        expect(reply, "250");
        return new Timing(sent, read, reply);
    }

    private void command(String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(readReply(), code);
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("SMTP server answered '" + reply.strip() + "', expected " + code);
        }
    }

    /** Reads a whole (possibly multi-line) reply and returns its last line. */
    private String readReply() throws IOException {
        while (true) {
            String line = readLine();
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).stripTrailing();
            }
            line.write(b);
        }
        throw new IOException("SMTP server closed the connection");
    }

    /** CRLF line ends and a leading '.' doubled (RFC 5321 4.5.2); ends with CRLF. */
    private static byte[] dotStuff(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8).replace("\r\n", "\n");
        StringBuilder sb = new StringBuilder(text.length() + 64);
        for (String line : text.split("\n", -1)) {
            sb.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        if (text.endsWith("\n")) {
            sb.setLength(sb.length() - 2);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readReply();
        } catch (IOException ignored) {
            // the server may already have gone; the socket is closed either way
        } finally {
            socket.close();
        }
    }

    /** A mail the generic rule reads a code from; the Message-ID makes each one distinct. */
    static byte[] codeMail(String to, String code, String messageId) {
        String mail = "From: Con Edison <noreply@coned.com>\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: Your verification code\r\n"
                + "Message-ID: <" + messageId + "@bench.localhost>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "Your verification code is " + code + ".\r\n"
                + "It expires in 10 minutes. If you did not ask for it, ignore this mail.\r\n";
        return mail.getBytes(StandardCharsets.UTF_8);
    }
}
