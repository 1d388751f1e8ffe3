package net.mfagateway.rules.internal;

/**
 * A text made ready for {@link Needles}: its ASCII lower-case form and, built on first need, a
 * 4096-bit set of the character pairs in it. A needle with a pair the set lacks is not in the
 * text, so most absent needles cost a few bit tests instead of a scan of the text; a pair that is
 * there (or shares a bit) only sends the check on to the scan. One per text, on one thread.
 */
final class Haystack {

    private final String lower;
    private long[] pairs;

    Haystack(String text) {
        this.lower = Needles.lower(text);
    }

    /** Whether {@code needle} (ASCII lower case, with {@code needlePairs} from {@link #pairs(String)}) occurs. */
    boolean contains(String needle, int[] needlePairs) {
        if (needlePairs.length > 0) {
            long[] present = pairs();
            for (int pair : needlePairs) {
                if ((present[pair >>> 6] & (1L << pair)) == 0) {
                    return false;
                }
            }
        }
        return lower.contains(needle);
    }

    /** The bit of each pair of neighbouring characters in {@code s}. */
    static int[] pairs(String s) {
        int[] out = new int[Math.max(0, s.length() - 1)];
        for (int i = 1; i < s.length(); i++) {
            out[i - 1] = bit(s.charAt(i - 1), s.charAt(i));
        }
        return out;
    }

    private long[] pairs() {
        if (pairs == null) {
            long[] present = new long[64];
            for (int i = 1; i < lower.length(); i++) {
                int pair = bit(lower.charAt(i - 1), lower.charAt(i));
                present[pair >>> 6] |= 1L << pair;
            }
            pairs = present;
        }
        return pairs;
    }

    private static int bit(char a, char b) {
        return ((a << 16 | b) * 0x9E3779B1) >>> 20;
    }
}
