package net.mfagateway.gateway.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.PortalLogin;

/** What a {@link PortalDriver} gets for one login: the account, and the gateway's help. */
public interface LoginSession {

    Connection connection();

    PortalLogin login();

    /** How long to wait for a code the portal has sent. */
    Duration codeWait();

    /** Reports a step as it happens (the demo prints it); never pass a code, password or answer. */
    void step(String what);

    /** The portal asked for a second factor by {@code method}: the connection becomes {@code mfa_required}. */
    void mfaRequired(String method);

    /**
     * Waits, through the same path as {@code codes/next}, for the connection's newest code received
     * after {@code after}; empty when none came within {@code wait}.
     */
    Optional<Code> awaitCode(Instant after, Duration wait) throws InterruptedException;

    /** The stored answer whose question best matches {@code question}, if any. */
    Optional<String> answer(String question);
}
