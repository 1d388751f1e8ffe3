package net.mfagateway.parsers.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a mailbox server forwarded or redirected a message on its way here, judged from the
 * traces the hop leaves in the headers. No single provider's habits are required: any one trace
 * is enough.
 */
final class AutoForwardTraces {

    /** SRS-rewritten (SRS0=, SRS1=, Microsoft's +SRS=) and Gmail's +caf_= forwarding envelopes. */
    private static final Pattern FORWARDING_ENVELOPE = Pattern.compile(
            "(?:^<?srs[01][=+-])|(?:\\+srs=)|(?:\\+caf_=)", Pattern.CASE_INSENSITIVE);

    private AutoForwardTraces() {
    }

    static boolean present(Headers headers) {
        return hopHeaders(headers) || forwardingEnvelope(headers) || deliveredBeyondRecipient(headers);
    }

    private static boolean hopHeaders(Headers headers) {
        String autoForwarded = headers.first("X-MS-Exchange-Organization-AutoForwarded");
        return headers.has("X-Forwarded-To") || headers.has("X-Forwarded-For")
                || headers.has("X-MS-Exchange-Inbox-Rules-Loop")
                || (autoForwarded != null && autoForwarded.strip().equalsIgnoreCase("true"))
                || headers.has("Resent-From") || headers.has("Resent-To") || headers.has("Resent-Sender");
    }

    private static boolean forwardingEnvelope(Headers headers) {
        String returnPath = headers.first("Return-Path");
        return returnPath != null && FORWARDING_ENVELOPE.matcher(returnPath.strip()).find();
    }

    /**
     * The top Delivered-To (or X-Original-To, Envelope-To) is the mailbox that received this copy.
     * A different Delivered-To below it is the customer's mailbox the message passed through; a
     * To/Cc that does not name the receiving mailbox means the message was addressed to someone
     * else and redirected here.
     */
    private static boolean deliveredBeyondRecipient(Headers headers) {
        List<String> delivered = headers.all("Delivered-To");
        String recipient = delivered.isEmpty() ? firstOf(headers, "X-Original-To", "Envelope-To") : delivered.get(0);
        String mailbox = Addresses.first(recipient);
        if (mailbox.isEmpty()) {
            return false;
        }
        for (String other : delivered) {
            String address = Addresses.first(other);
            if (!address.isEmpty() && !address.equals(mailbox)) {
                return true;
            }
        }
        String to = headers.first("To");
        if (to == null) {
            return false;
        }
        String cc = headers.first("Cc");
        String addressed = (to + "," + (cc == null ? "" : cc)).toLowerCase(Locale.ROOT);
        List<String> addresses = Addresses.all(addressed);
        return !addresses.isEmpty() && !addresses.contains(mailbox);
    }

    private static String firstOf(Headers headers, String... names) {
        for (String name : names) {
            String value = headers.first(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
