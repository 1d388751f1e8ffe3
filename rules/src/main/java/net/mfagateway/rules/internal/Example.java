package net.mfagateway.rules.internal;

import java.util.Map;

/** An example embedded in a rule file: a short message and the answer it must give. */
public record Example(String file, int line, String name, boolean sms, String from, String subject, String text,
        String outer, String utility, Map<String, String> expect) {
    public Example {
        expect = Map.copyOf(expect);
    }
}
