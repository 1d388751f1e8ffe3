package net.mfagateway.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** A scripted SMTP client over a real socket: {@code send("DATA"); expect("354")}. */
public final class SmtpConversation implements AutoCloseable {

    private final int port;
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    public SmtpConversation(int port) throws IOException {
        this(port, "127.0.0.1", "220");
    }

    /**
     * Connects from {@code localAddress} (any 127.x.y.z is this machine too, so a test can be
     * several clients) and expects a greeting starting with {@code greeting}.
     */
    public SmtpConversation(int port, String localAddress, String greeting) throws IOException {
        this.port = port;
        socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        try {
            expect(greeting);
        } catch (IOException | AssertionError e) {
            socket.close();
            throw e;
        }
    }

    /** After the server's {@code 220} to STARTTLS: the TLS handshake, then the conversation goes on inside it. */
    public SmtpConversation upgrade(SSLContext client) throws IOException {
        SSLSocket tls = (SSLSocket) client.getSocketFactory().createSocket(socket, "127.0.0.1", port, true);
        tls.startHandshake();
        socket = tls;
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
        return this;
    }

    /** The certificate the server presented in the TLS handshake. */
    public X509Certificate peerCertificate() throws IOException {
        return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    }

    /**
     * True when the server closes the connection (end of stream or reset) within the read
     * timeout; whatever it still sends before (a TLS alert) is skipped.
     */
    public boolean closedByServer() throws IOException {
        try {
            while (in.read() != -1) {
                // skip
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /** A client TLS context that trusts exactly the PEM certificate in {@code certFile}. */
    public static SSLContext trusting(Path certFile) throws Exception {
        X509Certificate cert;
        try (var pem = Files.newInputStream(certFile)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
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
