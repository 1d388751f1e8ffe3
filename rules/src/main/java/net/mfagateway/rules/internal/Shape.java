package net.mfagateway.rules.internal;

/** The shape a utility's codes take: length range, and whether letters occur. */
public record Shape(int min, int max, boolean alphanumeric) {

    /** Any 4 to 8 letters and digits: what the corpus README allows for login codes. */
    public static final Shape ANY = new Shape(4, 8, true);

    public Shape {
        if (min < 1 || max < min || max > 16) {
            throw new IllegalArgumentException("bad code length " + min + "-" + max);
        }
    }

    boolean fits(String code) {
        if (code.length() < min || code.length() > max) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= '0' && c <= '9') && !(alphanumeric && Character.isLetter(c) && c < 128)) {
                return false;
            }
        }
        return true;
    }
}
