package net.mfagateway.gateway.worker;

import net.mfagateway.gateway.status.LoginReport;

/**
 * Logs into one kind of utility portal. One driver serves every connection whose login names
 * its {@link #kind()}; it keeps no state between logins and may run several at once.
 */
public interface PortalDriver {

    /** The name a connection's login settings use for this driver, e.g. {@code simulated}. */
    String kind();

    /**
     * Logs in once, with {@link LoginSession#password} and the {@link LoginSession#rememberedState}
     * the last login kept. When the portal asks for a second factor, the driver chooses where it
     * goes if the portal offers a choice ({@link LoginSession#reach}), calls
     * {@link LoginSession#mfaRequired}, then waits for the code with {@link LoginSession#awaitCode} or
     * looks up an answer with {@link LoginSession#answer}, asking the portal to remember the device.
     * After a successful login it keeps the portal's state ({@link LoginSession#keepState}).
     * Returns {@link LoginReport.Connected} or what stopped it: a refused or outdated password, a
     * portal that is down, no destination that reaches the gateway, an MFA failure. Never throws for
     * what the portal answered (only an interrupt ends it early).
     */
    LoginReport logIn(LoginSession session) throws InterruptedException;
}
