package net.mfagateway.gateway.answers;

import java.util.Map;
import java.util.Optional;

/**
 * Utilities that run one customer platform, so one customer's security answers are the same on
 * each: Con Edison ({@code coned}) and Orange &amp; Rockland ({@code oru}).
 */
final class UtilityFamilies {

    private static final Map<String, String> FAMILY = Map.of(
            "coned", "coned-oru",
            "oru", "coned-oru");

    private UtilityFamilies() {
    }

    /** The family of {@code utility}, or empty when it shares its platform with no other. */
    static Optional<String> of(String utility) {
        return Optional.ofNullable(FAMILY.get(utility));
    }
}
