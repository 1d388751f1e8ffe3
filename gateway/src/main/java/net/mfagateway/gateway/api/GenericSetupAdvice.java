package net.mfagateway.gateway.api;

import java.util.List;

/**
 * Advice that fits any utility: have the portal mail its codes to the connection's address, or
 * forward them there from the owner's own inbox. Stands in until per-utility profiles are wired in.
 */
public final class GenericSetupAdvice implements SetupAdvice {

    @Override
    public Advice forUtility(String utilityId) {
        return new Advice(utilityId, List.of(
                new Option("Have the portal send its codes to the gateway", List.of(
                        "Sign in to your " + utilityId + " account and open the profile or security settings.",
                        "Change the email address that receives verification codes to {email}.",
                        "If the portal sends a code to confirm the change, type it in the box below.")),
                new Option("Or forward the codes from your own inbox", List.of(
                        "In your mailbox, add a rule that forwards your utility's verification mail to {email}.",
                        "Some company mailboxes (Microsoft 365, Google Workspace) block forwarding to outside"
                                + " addresses; ask your mail administrator if the forward never arrives."))),
                List.of("Codes reach the login worker within seconds; you do not need to do anything when one comes."));
    }
}
