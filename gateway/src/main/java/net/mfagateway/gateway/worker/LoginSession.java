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

    /** The gateway's time, for instants that are compared with its own (codes received, state kept). */
    Instant now();

    /** The stored portal password; empty when none is set. Never log or report it. */
    Optional<String> password();

    /**
     * The portal state the last login kept (cookies, device-trust token), unless it expired or a
     * person had the device forgotten. Present it, and a portal that remembers the device lets
     * the login in without a code.
     */
    Optional<PortalState> rememberedState();

    /** Keeps the portal's state after a successful login for the next one (sealed); returns once durable. */
    void keepState(PortalState state);

    /** Where a second factor reaches the gateway for this connection, to choose among a portal's offers. */
    Reach reach();
}
