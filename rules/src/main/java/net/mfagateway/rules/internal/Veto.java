package net.mfagateway.rules.internal;

import java.util.regex.Pattern;

/** A phrase that makes a whole message carry no code, and where it is looked for. */
public record Veto(String id, Scope scope, String reason, Pattern pattern) {

    /** Where a veto looks: the message (subject and text), the subject only, or the forwarder's note. */
    public enum Scope { MESSAGE, SUBJECT, OUTER }
}
