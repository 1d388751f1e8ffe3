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
     * Logs in once. When the portal asks for a second factor, the driver calls
     * {@link LoginSession#mfaRequired} first, then waits for the code with
     * {@link LoginSession#awaitCode} or looks up an answer with {@link LoginSession#answer}.
     * Returns {@link LoginReport.Connected} or the failure; never throws for what the portal
     * answered (only an interrupt ends it early).
     */
    LoginReport logIn(LoginSession session) throws InterruptedException;
}
