package net.mfagateway.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a message calls its code ("verification code", "one-time passcode"), and other names
 * utilities give the same thing. Swapping one for another keeps the meaning.
 */
final class CodePhrase {

    /** Names for a login code that the corpus does not use, or uses little. */
    static final List<String> OTHER_NAMES = List.of("one-time password", "single-use code", "sign-in code");

    private static final Pattern NAME = Pattern.compile(
            "(?i)\\b(?:(?:verification|security|authentication|login|access|one-time|sign-in) code|one-time passcode)\\b");

    private CodePhrase() {
    }

    static String renamed(String text, String name) {
        return NAME.matcher(text).replaceAll(m -> Character.isUpperCase(m.group().charAt(0))
                ? Character.toUpperCase(name.charAt(0)) + name.substring(1) : name);
    }
}
