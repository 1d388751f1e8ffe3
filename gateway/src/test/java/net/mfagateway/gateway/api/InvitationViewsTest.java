package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.mfagateway.gateway.answers.Answer;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.PortalLogin;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The hosted page's HTML: every value from outside is escaped, placeholders are filled, rows are offered. */
class InvitationViewsTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    private static Document render(SetupAdvice.Advice advice, String phone, List<Answer> rows, String code) {
        Connection c = new Connection("c_1", "t_1", "coned", SCRIPT, "abc@mfa.localhost", phone,
                ConnectionStatus.PENDING, Instant.EPOCH);
        return Jsoup.parse(InvitationViews.owner(new InvitationViews.OwnerPage(c, advice,
                Instant.parse("2026-12-01T10:00:00Z"), "tok\"en", "saved " + SCRIPT, "bad " + SCRIPT, rows, false,
                code, false)));
    }

    @Test
    void aUtilityStepOrTypedValueWithMarkupIsRenderedAsText() {
        SetupAdvice.Advice advice = new SetupAdvice.Advice(SCRIPT, List.of(new SetupAdvice.Option(SCRIPT,
                List.of("Send to {email} " + SCRIPT))), List.of(SCRIPT));
        String html = InvitationViews.owner(new InvitationViews.OwnerPage(new Connection("c_1", "t_1", "coned",
                SCRIPT, "abc@mfa.localhost", null, ConnectionStatus.PENDING, Instant.EPOCH)
                .withLogin(new PortalLogin("simulated", "http://127.0.0.1:1", SCRIPT, 0)), advice, Instant.EPOCH,
                "\"><script>", SCRIPT, SCRIPT, List.of(new Answer(SCRIPT, "\" onfocus=\"x")), false, SCRIPT, true));

        assertThat(html).doesNotContain("<script>").doesNotContain("\" onfocus=\"x")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        Document page = Jsoup.parse(html);
        assertThat(page.select("script")).isEmpty();
        assertThat(page.selectFirst("h1").text()).isEqualTo("Set up " + SCRIPT);
        assertThat(page.selectFirst("#a1").attr("value")).isEqualTo("\" onfocus=\"x");
        assertThat(page.selectFirst("input[name=csrf]").attr("value")).isEqualTo("\"><script>");
    }

    @Test
    void stepsGetTheConnectionsAddressAndPhoneFilledIn() {
        SetupAdvice.Advice advice = new SetupAdvice.Advice("Con Edison", List.of(new SetupAdvice.Option("Forward",
                List.of("Mail codes to {email}.", "Text codes to {phone}."))), List.of());

        Document page = render(advice, "+15550001111", List.of(), "");

        assertThat(page.select("ol.steps li").eachText())
                .containsExactly("Mail codes to abc@mfa.localhost.", "Text codes to +15550001111.");
        assertThat(page.selectFirst("#phone").text()).isEqualTo("+15550001111");
        assertThat(render(advice, null, List.of(), "").select("#phone")).isEmpty();
    }

    @Test
    void fiveEmptyRowsAreOfferedAndRowsTypedBeforeAreKept() {
        SetupAdvice.Advice advice = new ProfileSetupAdvice(net.mfagateway.rules.UtilityProfiles.builtIn()).forUtility("coned");

        Document empty = render(advice, null, List.of(), "");
        Document kept = render(advice, null, List.of(new Answer("First pet?", "Zork")), "48 29");

        assertThat(empty.select("input[name=question]")).hasSize(InvitationViews.ROWS);
        assertThat(empty.select("input[name=answer]")).hasSize(InvitationViews.ROWS);
        assertThat(kept.selectFirst("#q1").attr("value")).isEqualTo("First pet?");
        assertThat(kept.selectFirst("#q2").attr("value")).isEmpty();
        assertThat(kept.selectFirst("#code").attr("value")).isEqualTo("48 29");
        assertThat(kept.select("form[method=post]").eachAttr("action"))
                .containsExactly("/i/answers", "/i/code", "/i/confirm");
    }
}
