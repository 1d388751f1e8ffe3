package net.mfagateway.gateway.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Invitation;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hosted pages under {@code /i/}, for an account owner with no API token.
 *
 * <ol>
 * <li>{@code GET /i/{token}} shows a Continue button; {@code POST /i/{token}} claims the link
 * (once, ever) for a new browser session ({@link PageSessions}) and redirects to {@code /i/}, so
 * the token leaves the address bar and history. The extra click is there because mail scanners
 * fetch links to inspect them: a link used up by a GET would be burnt before its owner saw it.</li>
 * <li>{@code GET /i/} is the page: addresses, set-up steps, and the forms of
 * {@link InvitationForms}. After Confirm it is a done page.</li>
 * </ol>
 * Every answer is HTML with the page headers, including refusals ({@link PageReplies}).
 */
final class InvitationPages {

    static final String PREFIX = "/i/";
    /** 32 base32 characters: 160 bits. */
    static final int TOKEN_CHARS = 32;
    private static final Pattern TOKEN = Pattern.compile("[0-9a-z]{" + TOKEN_CHARS + "}");
    private static final Logger log = LoggerFactory.getLogger(InvitationPages.class);

    private final Store store;
    private final Ids ids;
    private final Clock clock;
    private final FormGuard guard;
    private final SetupAdvice advice;
    private final PageSessions sessions;
    private final InvitationEvents events;
    private final InvitationForms forms;

    InvitationPages(Store store, Ids ids, Clock clock, FormGuard guard, SetupAdvice advice, PageSessions sessions,
            InvitationEvents events, InvitationForms forms) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.guard = guard;
        this.advice = advice;
        this.sessions = sessions;
        this.events = events;
        this.forms = forms;
    }

    /** True for the paths this class answers: {@code /i} and everything under {@code /i/}. */
    static boolean owns(Request req) {
        return req.path().equals("/i") || req.path().startsWith(PREFIX);
    }

    void handle(Request req) {
        PageReplies.guarded(req, () -> route(req));
    }

    private void route(Request req) {
        List<String> s = req.segments();
        if (s.size() == 1) {
            only("GET", req);
            show(req);
        } else if (s.size() == 2 && InvitationForms.owns(s.get(1))) {
            only("POST", req);
            forms.post(req, s.get(1));
        } else if (s.size() == 2 && req.method().equals("POST")) {
            claim(req, s.get(1));
        } else if (s.size() == 2) {
            only("GET", req);
            offer(req, s.get(1));
        } else {
            throw PageException.notFound();
        }
    }

    private void offer(Request req, String token) {
        unclaimed(token);
        Responses.html(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, InvitationViews.offer(token));
    }

    /**
     * Exchanges the link for a session. No form token can exist yet; the link itself is the secret,
     * and the origin check keeps another site from logging a visitor into a session of its own link.
     */
    private void claim(Request req, String token) {
        if (!guard.sameOrigin(req)) {
            log.warn("invite.refused reason=origin");
            throw PageException.forbidden();
        }
        Invitation invitation = unclaimed(token);
        String session = ids.secret(TOKEN_CHARS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CompletableFuture<Boolean> claimed = store.claimInvitation(invitation.id(), Tenant.hashToken(session), now)
                .thenCompose(won -> !won ? CompletableFuture.completedFuture(false)
                        : events.record(invitation, "invitation.opened", now, Map.of("invitationId", invitation.id()))
                                .thenApply(v -> true));
        PageReplies.whenStored(req, claimed, won -> {
            if (!won) {
                throw PageException.used();
            }
            log.info("invite.opened invitation={} conn={}", invitation.id(), invitation.connectionId());
            Responses.seeOther(req.ctx(), req.keepAlive(), PREFIX, sessions.cookie(session, invitation, now));
        });
    }

    /** The invitation of a link that can still be claimed, or the page saying why not. */
    private Invitation unclaimed(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw PageException.notFound();
        }
        Invitation invitation = store.invitationByTokenHash(Tenant.hashToken(token))
                .orElseThrow(PageException::notFound);
        if (!clock.instant().isBefore(invitation.expiresAt())) {
            throw PageException.expired();
        }
        if (invitation.claimedAt() != null || invitation.closedAt() != null) {
            throw PageException.used();
        }
        return invitation;
    }

    private void show(Request req) {
        PageSessions.Session session = sessions.of(req);
        if (session.invitation().closedAt() != null) {
            Responses.html(req.ctx(), req.keepAlive(), HttpResponseStatus.OK,
                    InvitationViews.done(advice.forUtility(session.connection().utility()).name()));
            return;
        }
        String flash = switch (req.param("done").orElse("")) {
            case "answers" -> "Your answers are saved.";
            case "code" -> "Thank you: the code went to the login service.";
            case "password" -> "Your password is saved; the login service signs in with it from now on.";
            default -> null;
        };
        forms.page(req, session, HttpResponseStatus.OK, flash, null, List.of(), "");
    }

    private static void only(String method, Request req) {
        if (!req.method().equals(method)) {
            throw PageException.methodNotAllowed();
        }
    }
}
