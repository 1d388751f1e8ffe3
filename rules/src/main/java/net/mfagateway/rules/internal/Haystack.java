package net.mfagateway.rules.internal;

/**
 * A text made ready for {@link Needles}: its ASCII lower-case form, made on first need, and for a
 * long text a 4096-bit set of the character pairs in it. A needle with a pair the set lacks is
 * not in the text, so most absent needles cost a few bit tests instead of a scan; a pair that is
 * there (or shares a bit) only sends the check on to the scan. One per text, on one thread.
 */
final class Haystack {

    /** Below this length a scan is cheaper than building the pair set. */
    private static final int PAIRS_FROM = 256;

    private final String text;
    private String lower;
    private long[] pairs;

    Haystack(String text) {
        this.text = text;
    }

    /**
     * Whether {@code needle} (ASCII lower case, with {@code needlePairs} from {@link #pairs(String)})
     * occurs in the lower-case text. A needle without ASCII letters is looked for in the text as it
     * is: lower-casing moves no other character.
     */
    boolean contains(String needle, int[] needlePairs, boolean hasLetter) {
        if (needlePairs.length > 0 && text.length() >= PAIRS_FROM) {
            long[] present = pairs();
            for (int pair : needlePairs) {
                if ((present[pair >>> 6] & (1L << pair)) == 0) {
                    return false;
                }
            }
        }
        return (hasLetter ? lower() : text).contains(needle);
    }

    /** The bit of each pair of neighbouring characters in {@code s}. */
    static int[] pairs(String s) {
        int[] out = new int[Math.max(0, s.length() - 1)];
        for (int i = 1; i < s.length(); i++) {
            out[i - 1] = bit(s.charAt(i - 1), s.charAt(i));
        }
        return out;
    }

    /** Whether {@code s} holds an ASCII letter, the only characters lower-casing changes. */
    static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                return true;
            }
        }
        return false;
    }

    private String lower() {
        if (lower == null) {
            lower = Needles.lower(text);
        }
        return lower;
    }

    private long[] pairs() {
        if (pairs == null) {
            String s = lower();
            long[] present = new long[64];
            for (int i = 1; i < s.length(); i++) {
                int pair = bit(s.charAt(i - 1), s.charAt(i));
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
