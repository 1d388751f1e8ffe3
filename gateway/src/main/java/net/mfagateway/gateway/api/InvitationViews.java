package net.mfagateway.gateway.api;

import static net.mfagateway.gateway.api.Html.esc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.mfagateway.gateway.answers.Answer;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.worker.PortalPasswords;

/** The hosted pages an account owner sees, as HTML. Every value from outside is escaped. */
final class InvitationViews {

    /** Rows offered for security questions: with no script, the form cannot add rows itself. */
    static final int ROWS = 5;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private InvitationViews() {
    }

    /**
     * What {@code GET /i/{token}} shows: one button that posts to claim the link. Mail scanners
     * fetch links but do not submit forms, so they cannot use up the single-use link.
     */
    static String offer(String token) {
        return Html.page("Set up your utility account", """
                <h1>Set up your utility account</h1>
                <p>You were invited to connect a utility account so its sign-in codes reach the login service.</p>
                <p>This link works once: continuing opens your set-up page in this browser.</p>
                <form method="post" action="/i/%s">
                <button type="submit" id="continue">Continue</button>
                </form>
                """.formatted(esc(token)));
    }

    /** What the owner came for; {@code error} and the typed values are shown again after a refused form. */
    record OwnerPage(Connection connection, SetupAdvice.Advice advice, Instant expiresAt, String formToken,
            String flash, String error, List<Answer> rows, boolean hasAnswers, String typedCode, boolean hasPassword) {
    }

    static String owner(OwnerPage p) {
        Connection c = p.connection();
        StringBuilder b = new StringBuilder();
        b.append("<h1>Set up ").append(esc(p.advice().name())).append("</h1>\n");
        if (!c.label().isBlank()) {
            b.append("<p>Account: <strong id=\"label\">").append(esc(c.label())).append("</strong></p>\n");
        }
        if (p.flash() != null) {
            b.append("<p class=\"flash\" id=\"flash\" role=\"status\">").append(esc(p.flash())).append("</p>\n");
        }
        if (p.error() != null) {
            b.append("<p class=\"error\" id=\"error\" role=\"alert\">").append(esc(p.error())).append("</p>\n");
        }
        b.append(addresses(c));
        b.append(steps(p.advice(), c));
        b.append(passwordForm(p));
        b.append(answersForm(p));
        b.append(codeForm(p));
        b.append("""
                <h2>Done?</h2>
                <p>Confirm when you have finished. This page then closes for good.</p>
                <form method="post" action="/i/confirm">
                <input type="hidden" name="csrf" value="%s">
                <button type="submit" id="confirm">Confirm</button>
                </form>
                <p><small>This page works until %s.</small></p>
                """.formatted(esc(p.formToken()), esc(WHEN.format(p.expiresAt()))));
        return Html.page("Set up " + p.advice().name(), b.toString());
    }

    static String done(String utilityName) {
        return Html.page("All set", "<h1>All set</h1>\n<p id=\"message\">Thank you: your " + esc(utilityName)
                + " set-up is confirmed. You can close this page.</p>");
    }

    private static String addresses(Connection c) {
        StringBuilder b = new StringBuilder("<h2>Where codes go</h2>\n<p>Mail address: <code id=\"email\">")
                .append(esc(c.email())).append("</code></p>\n");
        if (c.phone() != null) {
            b.append("<p>Phone number for text messages: <code id=\"phone\">").append(esc(c.phone()))
                    .append("</code></p>\n");
        }
        return b.toString();
    }

    private static String steps(SetupAdvice.Advice advice, Connection c) {
        StringBuilder b = new StringBuilder("<h2>Steps</h2>\n");
        for (SetupAdvice.Option option : advice.options()) {
            b.append("<h3>").append(esc(option.title())).append("</h3>\n<ol class=\"steps\">\n");
            for (String step : option.steps()) {
                b.append("<li>").append(esc(fill(step, c))).append("</li>\n");
            }
            b.append("</ol>\n");
        }
        for (String note : advice.notes()) {
            b.append("<p class=\"note\">").append(esc(fill(note, c))).append("</p>\n");
        }
        return b.toString();
    }

    /** Fills the placeholders before escaping, so the values are escaped with the rest. */
    private static String fill(String text, Connection c) {
        return text.replace("{email}", c.email())
                .replace("{phone}", c.phone() != null ? c.phone() : "the gateway's phone number (none is set yet)");
    }

    /**
     * Shown when the login service signs in to the portal itself (the connection has login settings),
     * with what the portal said about the password the service has, if anything.
     */
    private static String passwordForm(OwnerPage p) {
        Connection c = p.connection();
        if (c.login() == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Portal password</h2>\n");
        if (c.status() == ConnectionStatus.NEW_PASSWORD_NEEDED) {
            b.append("<p class=\"error\" id=\"password-problem\">The portal asks for a new password. Choose one at the"
                    + " portal, then enter it here.</p>\n");
        } else if (c.status() == ConnectionStatus.PASSWORD_INCORRECT) {
            b.append("<p class=\"error\" id=\"password-problem\">The portal refused the password the login service"
                    + " has. Enter the current one here.</p>\n");
        }
        b.append("<p>The login service signs in to the portal as <code>").append(esc(c.login().username()))
                .append("</code> with this password. It is stored encrypted and never shown again.</p>\n");
        if (p.hasPassword()) {
            b.append("<p>A password was saved before; saving replaces it.</p>\n");
        }
        return b.append("""
                <form method="post" action="/i/password">
                <input type="hidden" name="csrf" value="%s">
                <label for="password">Password</label>
                <input type="password" id="password" name="password" maxlength="%d" autocomplete="new-password">
                <label for="password2">Password again</label>
                <input type="password" id="password2" name="password2" maxlength="%d" autocomplete="new-password">
                <button type="submit" id="save-password">Save password</button>
                </form>
                """.formatted(esc(p.formToken()), PortalPasswords.MAX_LENGTH, PortalPasswords.MAX_LENGTH)).toString();
    }

    private static String answersForm(OwnerPage p) {
        StringBuilder b = new StringBuilder("""
                <h2>Security questions</h2>
                <p>If the portal asks security questions, give each question as the portal shows it and its answer.
                Leave rows you do not need empty.</p>
                """);
        if (p.hasAnswers()) {
            b.append("<p>Answers were saved before; saving replaces all of them.</p>\n");
        }
        b.append("<form method=\"post\" action=\"/i/answers\">\n<input type=\"hidden\" name=\"csrf\" value=\"")
                .append(esc(p.formToken())).append("\">\n");
        List<Answer> rows = new ArrayList<>(p.rows());
        while (rows.size() < ROWS) {
            rows.add(new Answer("", ""));
        }
        for (int i = 0; i < rows.size(); i++) {
            int n = i + 1;
            b.append("""
                    <fieldset>
                    <label for="q%1$d">Question %1$d</label>
                    <input type="text" id="q%1$d" name="question" maxlength="500" value="%2$s">
                    <label for="a%1$d">Answer %1$d</label>
                    <input type="text" id="a%1$d" name="answer" maxlength="200" autocomplete="off" value="%3$s">
                    </fieldset>
                    """.formatted(n, esc(rows.get(i).question()), esc(rows.get(i).answer())));
        }
        return b.append("<button type=\"submit\" id=\"save-answers\">Save answers</button>\n</form>\n").toString();
    }

    private static String codeForm(OwnerPage p) {
        return """
                <h2>Type a code</h2>
                <p>If the portal sent a code to you instead, type it here; it goes straight to the login service.</p>
                <form method="post" action="/i/code">
                <input type="hidden" name="csrf" value="%s">
                <label for="code">Code</label>
                <input type="text" id="code" name="code" maxlength="40" autocomplete="one-time-code" value="%s">
                <button type="submit" id="send-code">Send code</button>
                </form>
                """.formatted(esc(p.formToken()), esc(p.typedCode()));
    }
}
