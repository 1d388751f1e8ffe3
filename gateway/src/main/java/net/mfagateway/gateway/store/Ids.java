package net.mfagateway.gateway.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes identifiers. {@link #next} ids sort in creation order (a strictly increasing microsecond
 * stamp, then randomness), so events and codes keyed by them come back oldest first.
 * {@link #secret} makes unguessable values for mail addresses and tokens. Thread-safe.
 */
public final class Ids {

    private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final Clock clock;
    private final SecureRandom random;
    private final AtomicLong lastMicros = new AtomicLong();

    public Ids(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** A time-ordered id: {@code prefix}, 13 base32 characters of time, 4 of randomness. */
    public String next(String prefix) {
        long now = clock.millis() * 1000;
        long stamp = lastMicros.accumulateAndGet(now, (last, candidate) -> Math.max(last + 1, candidate));
        StringBuilder id = new StringBuilder(prefix.length() + 17).append(prefix);
        for (int shift = 60; shift >= 0; shift -= 5) {
            id.append(BASE32[(int) (stamp >>> shift) & 31]);
        }
        appendRandom(id, 4);
        return id.toString();
    }

    /** {@code chars} random base32 characters: 5 bits of entropy each. */
    public String secret(int chars) {
        StringBuilder s = new StringBuilder(chars);
        appendRandom(s, chars);
        return s.toString();
    }

    private void appendRandom(StringBuilder to, int chars) {
        for (int i = 0; i < chars; i++) {
            to.append(BASE32[random.nextInt(32)]);
        }
    }
}
