package net.mfagateway.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A fixed SMTP load of {@code messages} mails from {@code sessions} concurrent clients, sent to
 * one recipient; {@link #send} returns the wall time from first connect to last {@code 250}. The
 * same load is pointed at the gateway and at Postfix, so the two figures compare like for like.
 */
sealed interface SmtpLoad {

    /** The smtp-source binary Debian's postfix package installs. */
    Path SMTP_SOURCE = Path.of("/usr/sbin/smtp-source");

    String describe();

    /** Sends the whole load; throws if any message is refused. Returns elapsed nanoseconds. */
    long send(int port, String recipient) throws Exception;

    /**
     * Postfix's smtp-source: one session per message unless {@code reuseSessions} ({@code -d}). Its
     * mails carry distinct Message-Ids ({@code <pid.fd.counter@host>}) and a body with no code.
     */
    record SmtpSource(int sessions, int messages, boolean reuseSessions) implements SmtpLoad {

        @Override
        public String describe() {
            return "smtp-source -s " + sessions + " -m " + messages + (reuseSessions ? " -d" : "");
        }

        @Override
        public long send(int port, String recipient) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(SMTP_SOURCE.toString(), "-s", Integer.toString(sessions),
                    "-m", Integer.toString(messages), "-M", "bench.localhost", "-f", "bench@example.com",
                    "-t", recipient));
            if (reuseSessions) {
                cmd.add("-d");
            }
            cmd.add("127.0.0.1:" + port);
            Path out = Files.createTempFile("mfa-bench-smtp-source-", ".log");
            try {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IOException(describe() + " did not finish within 10 minutes");
                }
                long elapsed = System.nanoTime() - start;
                if (p.exitValue() != 0) {
                    throw new IOException(describe() + " exited " + p.exitValue() + ": " + Files.readString(out));
                }
                return elapsed;
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    /** This bench's own client: {@code sessions} threads, each one SMTP session sending code mails. */
    record JavaClients(int sessions, int messages) implements SmtpLoad {

        @Override
        public String describe() {
            return "java " + sessions + " sessions x " + (messages / sessions) + " code mails";
        }

        @Override
        public long send(int port, String recipient) throws Exception {
            int each = messages / sessions;
            ExecutorService pool = Executors.newFixedThreadPool(sessions);
            try {
                String run = Long.toString(System.nanoTime(), 36);
                long start = System.nanoTime();
                List<Future<?>> done = new ArrayList<>();
                for (int s = 0; s < sessions; s++) {
                    int session = s;
                    done.add(pool.submit(() -> {
                        try (SmtpSession smtp = new SmtpSession("127.0.0.1", port)) {
                            for (int i = 0; i < each; i++) {
                                String id = "tp-" + run + "-" + session + "-" + i;
                                String code = String.format("%06d", (session * each + i) % 1_000_000);
                                smtp.send("bench@example.com", recipient, SmtpSession.codeMail(recipient, code, id));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(10, TimeUnit.MINUTES);
                }
                return System.nanoTime() - start;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
