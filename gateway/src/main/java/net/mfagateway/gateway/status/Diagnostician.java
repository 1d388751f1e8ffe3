package net.mfagateway.gateway.status;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Diagnosis;
import net.mfagateway.gateway.store.Event;
import net.mfagateway.gateway.store.Store;

/**
 * Explains a failed login from the connection's history, for the person who has to fix it: what
 * was seen, in one sentence, and what to do, best first. It reads codes and events only, so the
 * same history always gives the same diagnosis.
 */
public final class Diagnostician {

    /** The general set-up ladder, best first (DESIGN.md), for utilities without a profile. */
    public static final List<String> GENERAL_LADDER = List.of("upload_bills", "disable_mfa", "security_questions",
            "managed_forwarding", "customer_inbox_forwarding", "sms_relay");

    private final Store store;
    private final Clock clock;
    private final Function<String, List<String>> ladder;

    /** {@code ladder}: a utility's recommended set-up methods, best first (from its profile). */
    public Diagnostician(Store store, Clock clock, Function<String, List<String>> ladder) {
        this.store = store;
        this.clock = clock;
        this.ladder = ladder;
    }

    public Diagnosis diagnose(Connection c, LoginReport report) {
        Instant now = clock.instant();
        return switch (report) {
            case LoginReport.AnswerRejected r -> new Diagnosis("security_answer_rejected",
                    "The portal rejected the stored answer to \"" + r.question() + "\".",
                    List.of("Correct the answer: PUT /v1/connections/" + c.id() + "/security-answers, or send the"
                            + " account owner an invitation link to enter it."), now);
            case LoginReport.NoAnswer r -> new Diagnosis("security_answer_missing",
                    "The portal asked \"" + r.question() + "\" and no stored answer matches it.",
                    List.of("Add this question and its answer: PUT /v1/connections/" + c.id() + "/security-answers,"
                            + " or send the account owner an invitation link."), now);
            case LoginReport.CodeRejected r -> new Diagnosis("code_rejected",
                    "The portal rejected the code the gateway handed over" + codeOrigin(c, r.codeId()) + ".",
                    List.of("Check with `mfa-gateway extract` that the rules pick the right number out of this"
                            + " utility's mail; a person can type the right code meanwhile (POST .../codes)."), now);
            case LoginReport.Failed r -> new Diagnosis("login_failed",
                    r.detail().isEmpty() ? "The login failed." : "The login failed: " + r.detail(),
                    List.of("Check that the portal is reachable and the account's details are right."), now);
            case LoginReport.CodeTimedOut r -> noCode(c, r);
            case LoginReport.PasswordIncorrect r -> new Diagnosis("password_incorrect", r.passwordStored()
                    ? "The portal refused the user name" + username(c) + " or the stored password."
                    : "The portal refused the sign-in, and no portal password is stored for this connection.",
                    List.of(c.login() == null ? "Update the password the collector signs in with."
                            : "Set the current password: PUT /v1/connections/" + c.id() + "/portal-password, or send"
                            + " the account owner an invitation link (POST /v1/connections/" + c.id() + "/invitations)"
                            + " to enter it on their page. Scheduled logins wait until it changes.",
                            "Check the user name in the connection's login settings (PATCH /v1/connections/" + c.id()
                                    + ")."), now);
            case LoginReport.NewPasswordNeeded r -> new Diagnosis("new_password_needed",
                    "The portal accepted the password but requires a new one before it lets anyone sign in.",
                    List.of("Send the account owner an invitation link (POST /v1/connections/" + c.id() + "/invitations):"
                            + " they choose a new password at the portal, then enter it on their page. Or set it"
                            + " yourself: PUT /v1/connections/" + c.id() + "/portal-password. Scheduled logins wait"
                            + " until it changes."), now);
            case LoginReport.WebsiteDown r -> new Diagnosis("website_down", "The portal"
                    + (c.login() != null ? " at " + c.login().url() : "") + " is down"
                    + (r.detail().isEmpty() ? "." : ": " + r.detail() + "."),
                    List.of("Nothing to do unless it lasts: the gateway retries with backoff, and these failures do"
                            + " not count against the connection.",
                            "If it lasts, check the portal address in the connection's login settings."), now);
            case LoginReport.MfaUnreachable r -> unreachable(c, r);
            case LoginReport.MfaRequired r -> throw new IllegalArgumentException("not a failure: " + r);
            case LoginReport.Connected r -> throw new IllegalArgumentException("not a failure: " + r);
        };
    }

    /** The portal would send its code only where the gateway cannot see it. */
    private Diagnosis unreachable(Connection c, LoginReport.MfaUnreachable r) {
        String reach = "this connection's address is " + c.email()
                + (c.phone() != null ? " and its number " + c.phone() : " and it has no number")
                + (store.securityAnswers(c.id()).isPresent() ? "" : "; no security answers are stored");
        return new Diagnosis("mfa_destination_unreachable", "The portal offers to send its second factor by "
                + (r.offered().isEmpty() ? "no way the gateway knows" : String.join("; ", r.offered()))
                + ", and none of these reaches the gateway (" + reach + "), so no code was asked for.",
                advice(c, "managed_forwarding", "sms_relay", "security_questions", "upload_bills"), clock.instant());
    }

    private static String username(Connection c) {
        return c.login() != null && !c.login().username().isEmpty() ? " (" + c.login().username() + ")" : "";
    }

    /** No code came in time: find the likeliest reason in what did (or did not) arrive. */
    private Diagnosis noCode(Connection c, LoginReport.CodeTimedOut r) {
        Instant now = clock.instant();
        List<Event> events = store.events(c.id());
        List<Code> codes = store.codes(c.id());
        Optional<Code> last = codes.stream().max(Comparator.comparing(Code::receivedAt));
        String waited = "none arrived within " + LoginReport.describe(r.waited()) + " of the portal sending it";

        Optional<Event> blocked = newest(events, "forwarding.blocked",
                last.map(Code::receivedAt).orElse(Instant.EPOCH));
        if (blocked.isPresent()) {
            return new Diagnosis("forwarding_blocked", "The customer's mail provider reported (at " + blocked.get().at()
                    + ") that it blocks forwarding to " + c.email() + "; " + waited + ".",
                    advice(c, "managed_forwarding", "upload_bills", "sms_relay"), now);
        }
        Optional<Event> unmatched = newest(events, "message.unmatched", r.askedAt());
        if (unmatched.isPresent()) {
            Object sender = unmatched.get().data().getOrDefault("originalSender",
                    unmatched.get().data().getOrDefault("sender", "an unknown sender"));
            boolean newSender = last.isPresent() && !sender.equals(last.get().originalSender())
                    && !sender.equals(last.get().sender());
            return new Diagnosis("message_unmatched", "A message from " + sender + " arrived at "
                    + unmatched.get().at() + " but no code was recognised in it"
                    + (newSender ? "; codes used to come from " + senderOf(last.get())
                            + ", so the utility may have changed its sender or template" : "")
                    + ".", List.of("Run `mfa-gateway extract` on the stored message (id "
                            + unmatched.get().data().get("messageId") + ") and add or fix the utility's rule file.",
                            "Meanwhile the account owner can type the code: POST /v1/connections/" + c.id()
                                    + "/codes or an invitation link."), now);
        }
        if (last.isEmpty()) {
            return new Diagnosis("never_received", "No code has ever reached " + c.email()
                    + (c.phone() != null ? " or " + c.phone() : "") + "; " + waited
                    + ". The portal probably sends it to an address or number the gateway does not see.",
                    advice(c, "managed_forwarding", "customer_inbox_forwarding", "sms_relay", "upload_bills"), now);
        }
        Code prev = last.get();
        String rotated = newest(events, "sender.rotated", Instant.EPOCH)
                .map(e -> " The utility has changed its sender before (to " + e.data().get("sender") + " at " + e.at()
                        + ").").orElse("");
        if (prev.channel().equals("sms")) {
            return new Diagnosis("sms_stopped", "Codes used to arrive by text to " + c.phone() + " (last at "
                    + prev.receivedAt() + "); " + waited + ". The number on file at the portal may have changed.",
                    advice(c, "sms_relay", "managed_forwarding", "upload_bills"), now);
        }
        if (prev.forwarding() != null && !prev.forwarding().equals("direct")) {
            return new Diagnosis("forwarding_stopped", "Codes used to arrive forwarded from the customer's inbox (last at "
                    + prev.receivedAt() + ", " + codes.size() + " in all); " + waited
                    + ". The mail provider's policy has probably disabled external auto-forwarding (Microsoft 365"
                    + " and Google Workspace often do)." + rotated,
                    advice(c, "managed_forwarding", "upload_bills"), now);
        }
        return new Diagnosis("codes_stopped", "Codes used to arrive at " + c.email() + " from " + senderOf(prev)
                + " (last at " + prev.receivedAt() + "); " + waited
                + ". The utility may have changed the contact address on file or its sender." + rotated,
                advice(c, "managed_forwarding", "upload_bills"), now);
    }

    /** The named set-ups in the order the utility's ladder ranks them, as sentences. */
    private List<String> advice(Connection c, String... wanted) {
        List<String> order = ladder.apply(c.utility());
        List<String> picked = new ArrayList<>(List.of(wanted));
        // Bill upload happens on the platform's side, so it stays possible whatever the portal does.
        picked.removeIf(m -> !order.contains(m) && !m.equals("upload_bills"));
        picked.sort(Comparator.comparingInt(m -> order.contains(m) ? order.indexOf(m) : order.size()));
        List<String> out = new ArrayList<>();
        for (String method : picked) {
            out.add(switch (method) {
                case "upload_bills" -> "Upload bills instead of logging in, where the platform allows it.";
                case "managed_forwarding" -> "Managed forwarding: make " + c.email()
                        + " the contact address for codes at the utility's portal.";
                case "customer_inbox_forwarding" -> "Customer-inbox forwarding: have the customer auto-forward the"
                        + " utility's code mail to " + c.email() + ".";
                case "sms_relay" -> "SMS relay: give the portal a gateway phone number for codes"
                        + (c.phone() != null ? " (" + c.phone() + ")" : " (POST /v1/connections with \"phone\": \"provision\")")
                        + ".";
                case "disable_mfa" -> "Turn off two-step verification in the portal's security settings, where allowed.";
                case "security_questions" -> "Use security questions and store the answers here.";
                default -> method;
            });
        }
        out.add("The utility's recommended set-ups: GET /v1/utilities/" + c.utility() + ".");
        return out;
    }

    private String codeOrigin(Connection c, String codeId) {
        if (codeId == null) {
            return "";
        }
        return store.codes(c.id()).stream().filter(k -> k.id().equals(codeId)).findFirst()
                .map(k -> " (received at " + k.receivedAt() + " from " + senderOf(k) + ", rule " + k.ruleId() + ")")
                .orElse("");
    }

    private static String senderOf(Code k) {
        String s = k.originalSender() != null && !k.originalSender().isEmpty() ? k.originalSender() : k.sender();
        return s == null || s.isEmpty() ? k.channel() : s;
    }

    private static Optional<Event> newest(List<Event> events, String type, Instant notBefore) {
        return events.stream().filter(e -> e.type().equals(type) && !e.at().isBefore(notBefore))
                .max(Comparator.comparing(Event::at));
    }
}
