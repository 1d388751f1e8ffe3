package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.mfagateway.gateway.answers.Answer;
import net.mfagateway.gateway.answers.Checked;
import net.mfagateway.gateway.answers.SecurityAnswers;
import net.mfagateway.gateway.intake.Inbound;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.SealedAnswers;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.worker.LoginWorkers;
import net.mfagateway.gateway.worker.PortalPasswords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosted page and its forms: {@code POST /i/answers}, {@code /i/code}, {@code /i/password} and
 * {@code /i/confirm}.
 * Each post needs, in order, this gateway as origin when the browser names one, a live session,
 * the session's form token ({@link FormGuard}), and a page not yet confirmed; then it is stored
 * and redirected back to {@code /i/} (Post/Redirect/Get). A refused entry shows the page again
 * with the reason and what was typed. Answers and codes take the same checks as the API.
 */
final class InvitationForms {

    private static final Set<String> ACTIONS = Set.of("answers", "code", "password", "confirm");
    private static final Logger log = LoggerFactory.getLogger(InvitationForms.class);

    private final Store store;
    private final Intake intake;
    private final SecurityAnswers answers;
    private final PortalPasswords passwords;
    private final LoginWorkers workers;
    private final Clock clock;
    private final FormGuard guard;
    private final SetupAdvice advice;
    private final PageSessions sessions;
    private final InvitationEvents events;

    InvitationForms(Store store, Intake intake, SecurityAnswers answers, PortalPasswords passwords,
            LoginWorkers workers, Clock clock, FormGuard guard, SetupAdvice advice, PageSessions sessions,
            InvitationEvents events) {
        this.store = store;
        this.intake = intake;
        this.answers = answers;
        this.passwords = passwords;
        this.workers = workers;
        this.clock = clock;
        this.guard = guard;
        this.advice = advice;
        this.sessions = sessions;
        this.events = events;
    }

    /** True for the last path segment of a form's action. */
    static boolean owns(String action) {
        return ACTIONS.contains(action);
    }

    /** Renders the page for a live session, with a status line, an error and values to show again. */
    void page(Request req, PageSessions.Session session, HttpResponseStatus status, String flash, String error,
            List<Answer> rows, String typedCode) {
        Connection c = store.connection(session.connection().id()).orElse(session.connection());
        Responses.html(req.ctx(), req.keepAlive(), status, InvitationViews.owner(new InvitationViews.OwnerPage(c,
                advice.forUtility(c.utility()), session.invitation().expiresAt(), guard.tokenFor(session.hash()),
                flash, error, rows, store.securityAnswers(c.id()).isPresent(), typedCode,
                passwords.setAt(c.id()).isPresent())));
    }

    void post(Request req, String action) {
        if (!guard.sameOrigin(req)) {
            log.warn("invite.refused reason=origin");
            throw PageException.forbidden();
        }
        PageSessions.Session session = sessions.of(req);
        Form form = Form.of(req.body());
        if (!guard.tokenMatches(session.hash(), form.first("csrf"))) {
            log.warn("invite.refused reason=form_token conn={}", session.connection().id());
            throw PageException.forbidden();
        }
        if (session.invitation().closedAt() != null) {
            throw PageException.finished();
        }
        switch (action) {
            case "answers" -> saveAnswers(req, session, form);
            case "code" -> enterCode(req, session, form);
            case "password" -> savePassword(req, session, form);
            case "confirm" -> confirm(req, session);
            default -> throw PageException.notFound();
        }
    }

    /** Replaces the set with the rows that have anything in them; refusals name the row as the page numbers it. */
    private void saveAnswers(Request req, PageSessions.Session session, Form form) {
        List<String> questions = form.all("question");
        List<String> given = form.all("answer");
        if (questions.size() != given.size()) {
            throw new PageException(HttpResponseStatus.BAD_REQUEST, "This form was incomplete",
                    "Some fields of the form did not arrive. Reload the page and try again.");
        }
        List<Answer> typed = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            if (!questions.get(i).isBlank() || !given.get(i).isBlank()) {
                typed.add(new Answer(questions.get(i), given.get(i)));
                rowNumbers.add(i + 1);
            }
        }
        if (typed.isEmpty()) {
            page(req, session, HttpResponseStatus.BAD_REQUEST, null, "Fill in at least one question and its answer.",
                    List.of(), "");
            return;
        }
        switch (answers.check(typed, rows(rowNumbers))) {
            case Checked.Refused refused -> page(req, session, HttpResponseStatus.BAD_REQUEST, null,
                    sentence(refused.message()), asTyped(questions, given), "");
            case Checked.Valid valid -> {
                Connection c = session.connection();
                int count = valid.answers().size();
                // The owner replaces the answers; whether the set is shared with the family stays the operator's call.
                boolean shared = store.securityAnswers(c.id()).map(SealedAnswers::shareWithFamily).orElse(false);
                PageReplies.whenStored(req, answers.replace(c, valid.answers(), shared).thenCompose(v ->
                        events.record(session.invitation(), "security_answers.updated", now(),
                                Map.of("count", count, "invitationId", session.invitation().id()))), ok -> {
                    log.info("invite.answers_saved conn={} count={}", c.id(), count);
                    Responses.seeOther(req.ctx(), req.keepAlive(), InvitationPages.PREFIX + "?done=answers", null);
                });
            }
        }
    }

    /** A typed code goes through intake like the API's, so parked long-polls wake with it. */
    private void enterCode(Request req, PageSessions.Session session, Form form) {
        String typed = form.first("code");
        Optional<String> code = TypedCode.parse(typed);
        if (code.isEmpty()) {
            page(req, session, HttpResponseStatus.BAD_REQUEST, null, "The code must be " + TypedCode.RULE + ".",
                    List.of(), typed);
            return;
        }
        Connection c = session.connection();
        PageReplies.whenStored(req, intake.accept(new Inbound.Manual(c, code.get())), stored -> {
            log.info("invite.code_entered conn={}", c.id());
            Responses.seeOther(req.ctx(), req.keepAlive(), InvitationPages.PREFIX + "?done=code", null);
        });
    }

    /**
     * The portal password, typed twice so a typo does not lock the account at the portal. Never shown
     * again, not even after a refusal; a connection whose logins waited for it logs in at once.
     */
    private void savePassword(Request req, PageSessions.Session session, Form form) {
        String password = form.first("password");
        String again = form.first("password2");
        String problem = !PortalPasswords.acceptable(password) ? "The password must be " + PortalPasswords.RULE + "."
                : !password.equals(again) ? "The two passwords differ; type the same password twice." : null;
        if (problem != null) {
            page(req, session, HttpResponseStatus.BAD_REQUEST, null, problem, List.of(), "");
            return;
        }
        Connection c = session.connection();
        PageReplies.whenStored(req, passwords.set(c, password, "invitation"), ok -> {
            log.info("invite.password_saved conn={}", c.id());
            Responses.seeOther(req.ctx(), req.keepAlive(), InvitationPages.PREFIX + "?done=password", null);
            workers.passwordChanged(c.id());
        });
    }

    private void confirm(Request req, PageSessions.Session session) {
        Invitation invitation = session.invitation();
        Instant now = now();
        PageReplies.whenStored(req, store.putInvitation(invitation.closed(now)).thenCompose(v ->
                events.record(invitation, "invitation.completed", now, Map.of("invitationId", invitation.id()))), ok -> {
            log.info("invite.completed invitation={} conn={}", invitation.id(), invitation.connectionId());
            Responses.seeOther(req.ctx(), req.keepAlive(), InvitationPages.PREFIX, null);
        });
    }

    /** Names entries as the page shows them: "row 3", counting the empty rows skipped. */
    private static Checked.Naming rows(List<Integer> rowNumbers) {
        return new Checked.Naming() {
            @Override
            public String entry(int index) {
                return "row " + rowNumbers.get(index);
            }

            @Override
            public String field(int index, String field) {
                return "the " + field + " in row " + rowNumbers.get(index);
            }
        };
    }

    /** The rows as typed, to show again with a refusal. */
    private static List<Answer> asTyped(List<String> questions, List<String> given) {
        List<Answer> rows = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            rows.add(new Answer(questions.get(i), given.get(i)));
        }
        return rows;
    }

    private static String sentence(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
