package net.mfagateway.rules.internal;

/**
 * A count of character reads shared by every regex match of one evaluation. Java's regex engine
 * cannot be interrupted, but it reads its input through {@link CharSequence#charAt}, so a text that
 * counts its reads stops a runaway match: the evaluation then ends as "none" with a reason.
 */
final class Budget {

    private long remaining;

    Budget(long reads) {
        this.remaining = reads;
    }

    CharSequence wrap(String s) {
        return new Counted(s, this);
    }

    /** The budget ran out: some pattern backtracks too much on this input. */
    static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("regex budget exceeded", null, false, false);
        }
    }

    private record Counted(String s, Budget budget) implements CharSequence {
        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget.remaining < 0) {
                throw new Exceeded();
            }
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(s.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return s;
        }
    }
}
