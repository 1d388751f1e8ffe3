package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link InboundMessage}'s Javadoc promises of a parsed mail (and of any message's text),
 * checked on any input: the fuzz tests' oracle. A failure names the broken promise.
 */
final class MessageContract {

    /** Problems are capped at 40, plus one line saying more were not recorded. */
    private static final int MAX_PROBLEMS = 41;
    private static final String UNREADABLE = "unreadable: ";

    private MessageContract() {
    }

    static void checkMail(InboundMessage message) {
        assertThat(message.channel()).isEqualTo(Channel.EMAIL);
        assertThat(message.forwarding()).isNotNull();
        checkAddress("sender", message.sender());
        checkAddress("originalSender", message.originalSender());
        checkSubject(message.subject());
        checkText("text", message.text());
        checkText("outerText", message.outerText());
        checkLinks(message.links());
        checkHeaders(message.headers());
        checkProblems(message.problems());
    }

    /** "" or one lower-case address: the outer From, or the author of what was forwarded. */
    private static void checkAddress(String field, String address) {
        if (address.isEmpty()) {
            return;
        }
        assertThat(address).as(field).contains("@").isEqualTo(address.toLowerCase(Locale.ROOT));
        assertThat(address.chars().noneMatch(Character::isWhitespace)).as(field + " without blanks: " + address)
                .isTrue();
    }

    /** One line per distinct subject (several only for messages forwarded side by side). */
    private static void checkSubject(String subject) {
        assertThat(subject).as("subject").doesNotContain("\r");
        if (!subject.isEmpty()) {
            for (String line : subject.split("\n", -1)) {
                assertThat(line).as("subject line").isNotBlank();
            }
        }
    }

    /**
     * What a reader sees: no-break and other spaces are plain spaces, zero-width characters are
     * removed, and there is never more than one blank line in a row.
     */
    static void checkText(String field, String text) {
        assertThat(text).as(field).doesNotContain("\r").doesNotContain("\n\n\n");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            assertThat(isZeroWidth(c) || isOtherSpace(c))
                    .as("%s has U+%04X at %d", field, (int) c, i).isFalse();
        }
    }

    /** {@code text} without what takes no room on screen: blanks, line breaks, zero-width characters. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean invisible = Character.isWhitespace(c) || Character.isSpaceChar(c) || isZeroWidth(c)
                    || c == '\u00AD' || c == '\u034F' || c == '\u180E' || c == '\0';
            if (!invisible) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isZeroWidth(char c) {
        return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF';
    }

    private static boolean isOtherSpace(char c) {
        return c == '\u00A0' || c == '\u202F' || c == '\u3000' || (c >= '\u2000' && c <= '\u200A');
    }

    /** A URL as a browser requests it has no blanks or line breaks in it. */
    private static void checkLinks(List<Link> links) {
        for (Link link : links) {
            assertThat(link.url()).as("link url").isNotBlank().doesNotContain(" ", "\n", "\r", "\t");
            assertThat(link.text()).as("link text").isNotNull();
        }
    }

    private static void checkHeaders(Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            assertThat(name).as("header name").isEqualTo(name.toLowerCase(Locale.ROOT));
            assertThat(values).as("values of " + name).isNotEmpty().doesNotContainNull();
        });
    }

    /**
     * Capped, each said once; and "unreadable" only for input Angus refuses outright. The parser
     * turns any other exception into that problem so no caller ever sees it, which would hide a
     * bug from the fuzzer: here it fails instead.
     */
    private static void checkProblems(List<String> problems) {
        assertThat(problems).hasSizeLessThanOrEqualTo(MAX_PROBLEMS).doesNotHaveDuplicates();
        for (String problem : problems) {
            assertThat(problem).isNotBlank();
            if (problem.startsWith(UNREADABLE)) {
                String exception = problem.substring(UNREADABLE.length());
                assertThat(isMessagingException(exception))
                        .as("the parser swallowed %s, a bug rather than unreadable input", exception).isTrue();
            }
        }
    }

    private static boolean isMessagingException(String simpleName) {
        for (String pkg : new String[] {"jakarta.mail.", "jakarta.mail.internet."}) {
            try {
                return MessagingException.class.isAssignableFrom(Class.forName(pkg + simpleName));
            } catch (ClassNotFoundException e) {
                // not in this package: try the next
            }
        }
        return false;
    }
}
