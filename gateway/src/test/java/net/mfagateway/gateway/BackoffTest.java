package net.mfagateway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10),
            new SplittableRandom(7));

    @Test
    void eachWaitIsBetweenHalfAndAllOfADoublingStep() {
        for (int failures = 1; failures <= 8; failures++) {
            Duration step = Duration.ofSeconds(1L << (failures - 1));
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.after(failures)).isBetween(step.dividedBy(2), step);
            }
        }
    }

    @Test
    void theStepStopsGrowingAtTheCap() {
        for (int failures : new int[] {11, 12, 40, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.after(failures)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
        }
    }

    @Test
    void jitterSpreadsTheWaits() {
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.after(3)).distinct().count())
                .isGreaterThan(40);
    }
}
