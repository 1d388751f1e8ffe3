package net.mfagateway.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A scripted SMTP client over a real socket: {@code send("DATA"); expect("354")}. */
public final class SmtpConversation implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    public SmtpConversation(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        expect("220");
    }

    public SmtpConversation send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    public SmtpConversation sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one reply (all its continuation lines); asserts it starts with {@code prefix}; returns it. */
    public String expect(String prefix) throws IOException {
        String reply = reply();
        assertThat(reply).startsWith(prefix);
        return reply;
    }

    public String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; so far: " + all);
            }
            all.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        return all.toString().strip();
    }

    /** MAIL, RCPT, DATA and the message; returns the reply to the end of data. */
    public String mail(String from, String to, String message) throws IOException {
        send("MAIL FROM:<" + from + ">").expect("250");
        send("RCPT TO:<" + to + ">").expect("250");
        send("DATA").expect("354");
        sendRaw((message.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
        return reply();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
