package net.mfagateway.gateway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away Postfix instance (its own config and queue under a temp dir) listening on a free
 * 127.0.0.1 port, relaying for the gateway's mail domain and putting every accepted message on
 * hold, so a load measures acceptance into the queue (cleanup's fsync included) and nothing is
 * delivered. Needs root and Debian's postfix package; {@link #start} says why when it cannot.
 */
final class PostfixQueue implements AutoCloseable {

    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private final Path dir;
    private final int port;

    private PostfixQueue(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Empty with the reason when Postfix cannot run here. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(POSTFIX) || !Files.isExecutable(SmtpLoad.SMTP_SOURCE)) {
            return Optional.of("postfix not installed (DEBIAN_FRONTEND=noninteractive apt-get install -y postfix)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("postfix needs root to start its master; run the bench as root");
        }
        return Optional.empty();
    }

    static PostfixQueue start(String mailDomain) throws IOException, InterruptedException {
        // Postfix's daemons run as user postfix: the queue's parent must be searchable by them.
        Path dir = Files.createTempDirectory("mfa-bench-postfix-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("queue"));
        Path data = Files.createDirectories(dir.resolve("data"));
        run("chown", "postfix", data.toString());
        Files.writeString(dir.resolve("etc/main.cf"), """
                compatibility_level = 3.6
                queue_directory = %1$s/queue
                data_directory = %1$s/data
                mail_owner = postfix
                setgid_group = postdrop
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                myhostname = postfix-bench.localhost
                mydestination =
                relay_domains = %2$s
                mynetworks = 127.0.0.0/8
                # Accept into the hold queue: measures acceptance, never delivers.
                smtpd_recipient_restrictions = check_recipient_access static:HOLD,
                    permit_mynetworks, reject_unauth_destination
                maillog_file_prefixes = %1$s
                maillog_file = %1$s/maillog
                """.formatted(dir, mailDomain));
        Files.writeString(dir.resolve("etc/master.cf"), """
                127.0.0.1:%d inet n - n - - smtpd
                pickup    unix  n - n 60 1 pickup
                cleanup   unix  n - n - 0 cleanup
                qmgr      unix  n - n 300 1 qmgr
                rewrite   unix  - - n - - trivial-rewrite
                bounce    unix  - - n - 0 bounce
                defer     unix  - - n - 0 bounce
                trace     unix  - - n - 0 bounce
                verify    unix  - - n - 1 verify
                flush     unix  n - n 1000? 0 flush
                proxymap  unix  - - n - - proxymap
                smtp      unix  - - n - - smtp
                relay     unix  - - n - - smtp
                showq     unix  n - n - - showq
                error     unix  - - n - - error
                retry     unix  - - n - - error
                discard   unix  - - n - - discard
                anvil     unix  - - n - 1 anvil
                scache    unix  - - n - 1 scache
                postlog   unix-dgram n - n - 1 postlogd
                """.formatted(port));
        PostfixQueue pf = new PostfixQueue(dir, port);
        try {
            run(POSTFIX.toString(), "-c", dir.resolve("etc").toString(), "start");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!listening(port)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("postfix did not listen on 127.0.0.1:" + port + " within 30 s; see "
                            + dir.resolve("maillog"));
                }
                Thread.sleep(100);
            }
            return pf;
        } catch (IOException | InterruptedException | RuntimeException e) {
            Path maillog = dir.resolve("maillog");
            if (Files.exists(maillog)) {
                e.addSuppressed(new IOException("maillog: " + Files.readString(maillog)));
            }
            pf.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Messages now in the hold queue. */
    long held() throws IOException {
        Path hold = dir.resolve("queue/hold");
        if (!Files.isDirectory(hold)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(hold)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + out);
        }
    }

    /** Stops this instance (bounded wait for its master to go) and removes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        Path pidFile = dir.resolve("queue/pid/master.pid");
        Optional<ProcessHandle> master = Optional.empty();
        if (Files.exists(pidFile)) {
            master = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        }
        try {
            run(POSTFIX.toString(), "-c", dir.resolve("etc").toString(), "stop");
        } catch (IOException e) {
            System.err.println("bench: " + e.getMessage());
        }
        if (master.isPresent()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (master.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500); // its children notice the master is gone and exit
        }
        ChildGateway.deleteTree(dir);
    }
}
