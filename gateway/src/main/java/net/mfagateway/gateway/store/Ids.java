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

    /**
     * When a {@link #next} id with this prefix length was made (to the microsecond), read back
     * from its time characters; empty for anything else.
     */
    public static java.util.Optional<java.time.Instant> instantOf(String id, int prefixLength) {
        if (id.length() < prefixLength + 13) {
            return java.util.Optional.empty();
        }
        long micros = 0;
        for (int i = prefixLength; i < prefixLength + 13; i++) {
            int v = new String(BASE32).indexOf(id.charAt(i));
            if (v < 0) {
                return java.util.Optional.empty();
            }
            micros = (micros << 5) | v;
        }
        return java.util.Optional.of(java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS));
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
