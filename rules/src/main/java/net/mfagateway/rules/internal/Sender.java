package net.mfagateway.rules.internal;

/** A declared sender: a full address, or {@code @domain} for every address there. */
public record Sender(String address, boolean verified) {

    boolean matches(String author) {
        return address.startsWith("@") ? author.endsWith(address) : author.equals(address);
    }
}
