package net.mfagateway.gateway.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of nanosecond samples, shown in milliseconds. */
final class Stats {

    private Stats() {
    }

    static double percentileMs(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    static double maxMs(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }

    static double minMs(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1e6;
    }

    static long countBelowZero(long[] nanos) {
        return Arrays.stream(nanos).filter(n -> n < 0).count();
    }
}
