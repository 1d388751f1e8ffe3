package net.mfagateway.gateway.config;

/** A setting is wrong; the message names the setting and how to fix it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
