package net.mfagateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.mfagateway.gateway.support.PageClient;
import net.mfagateway.gateway.support.TestClock;
import net.mfagateway.gateway.support.TestGateway;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hosted pages under {@code /i/} over plain HTTP, as a browser without JavaScript would use them. */
class InvitationPagesTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();
    private TestGateway gw;
    private PageClient owner;

    @BeforeEach
    void start() throws Exception {
        gw = TestGateway.start(dir, Map.of(), clock);
        owner = new PageClient(gw);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    private String connection(String label) throws Exception {
        HttpResponse<String> r = gw.post("/v1/connections",
                TestGateway.JSON.writeValueAsString(Map.of("utility", "coned", "label", label)));
        return TestGateway.json(r).get("id").asText();
    }

    private String invite(String connectionId) throws Exception {
        HttpResponse<String> r = gw.post("/v1/connections/" + connectionId + "/invitations", "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestGateway.json(r).get("url").asText();
    }

    private List<String> eventTypes(String connectionId) throws Exception {
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + connectionId + "/events")).get("events");
        return events.findValuesAsText("type");
    }

    private HttpResponse<String> match(String connectionId, String question) throws Exception {
        return gw.post("/v1/connections/" + connectionId + "/security-answers/match",
                TestGateway.JSON.writeValueAsString(Map.of("question", question)));
    }

    @Test
    void openingTheLinkShowsAContinueButtonAndDoesNotUseItUpAsAMailScannerWould() throws Exception {
        String url = invite(connection("home"));

        HttpResponse<String> first = owner.get(PageClient.path(url));
        HttpResponse<String> second = owner.get(PageClient.path(url));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(second.body());
        assertThat(page.selectFirst("form[method=post]").attr("action")).isEqualTo(PageClient.path(url));
        assertThat(page.selectFirst("button#continue").text()).isEqualTo("Continue");
        assertThat(owner.claim(url).statusCode()).isEqualTo(303);
    }

    @Test
    void continueClaimsTheLinkForAStrictHttpOnlySessionAndRedirectsAwayFromTheToken() throws Exception {
        String c = connection("home");
        String url = invite(c);

        HttpResponse<String> r = owner.claim(url);

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/i/");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).matches("mfa_invite=[0-9a-z]{32}; Max-Age=(259[0-9]{3}); Path=/i; HttpOnly; SameSite=Strict");
        HttpResponse<String> page = owner.get("/i/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(page.body()).selectFirst("#email").text()).endsWith("@mfa.localhost");
        assertThat(eventTypes(c)).containsExactly("invitation.created", "invitation.opened");
    }

    @Test
    void aReusedLinkIs410AlreadyUsedAndTheFirstSessionKeepsWorking() throws Exception {
        String url = invite(connection("home"));
        owner.claim(url);
        PageClient other = new PageClient(gw);

        HttpResponse<String> reopened = other.get(PageClient.path(url));
        HttpResponse<String> reclaimed = other.claim(url);

        assertThat(reopened.statusCode()).isEqualTo(410);
        assertThat(reopened.body()).contains("This link was already used");
        assertThat(reclaimed.statusCode()).isEqualTo(410);
        assertThat(other.cookie()).isNull();
        assertThat(owner.get("/i/").statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredLinkIs410AndAnExpiredSessionToo() throws Exception {
        String c = connection("home");
        String unused = invite(c);
        owner.claim(invite(c));

        clock.advance(Duration.ofHours(72).plusSeconds(1));

        HttpResponse<String> link = new PageClient(gw).get(PageClient.path(unused));
        assertThat(link.statusCode()).isEqualTo(410);
        assertThat(link.body()).contains("This link has expired, ask for a new one");
        assertThat(new PageClient(gw).claim(unused).statusCode()).isEqualTo(410);
        assertThat(owner.get("/i/").statusCode()).isEqualTo(410);
    }

    @Test
    void anUnknownLinkOrNoSessionIsAnHtmlRefusal() throws Exception {
        HttpResponse<String> unknown = owner.get("/i/" + "a".repeat(32));
        HttpResponse<String> malformed = owner.get("/i/%3Cscript%3E");
        HttpResponse<String> noSession = owner.get("/i/");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(unknown.body()).contains("This link is not valid");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(noSession.statusCode()).isEqualTo(403);
        assertThat(noSession.body()).contains("<h1>");
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        String url = invite(connection("home"));
        for (HttpResponse<String> r : List.of(owner.get(PageClient.path(url)), owner.claim(url), owner.get("/i/"),
                owner.get("/i/nope"))) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.uri().toString())
                    .contains("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                            + "frame-ancestors 'none'; base-uri 'none'");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void aLabelWithMarkupIsShownEscaped() throws Exception {
        String url = invite(connection("<script>alert('x')</script> & \"co\""));
        owner.claim(url);

        String body = owner.get("/i/").body();

        assertThat(body).contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;co&quot;")
                .doesNotContain("<script>");
        assertThat(Jsoup.parse(body).selectFirst("#label").text()).isEqualTo("<script>alert('x')</script> & \"co\"");
    }

    @Test
    void answersSavedOnThePageAreMatchedByTheApi() throws Exception {
        String c = connection("home");
        owner.claim(invite(c));
        String form = "csrf=" + owner.formToken() + "&question=What+is+the+name+of+your+first+pet%3F&answer=Zork+4711"
                + "&question=&answer=&question=In+what+city+were+you+born%3F&answer=Quuxville";

        HttpResponse<String> r = owner.post("/i/answers", form, owner.origin());

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/i/?done=answers");
        assertThat(Jsoup.parse(owner.get("/i/?done=answers").body()).selectFirst("#flash").text())
                .isEqualTo("Your answers are saved.");
        assertThat(TestGateway.json(match(c, "First pet's name?")).get("answer").asText()).isEqualTo("Zork 4711");
        assertThat(TestGateway.json(match(c, "City of birth?")).get("answer").asText()).isEqualTo("Quuxville");
        JsonNode events = TestGateway.json(gw.get("/v1/connections/" + c + "/events")).get("events");
        JsonNode updated = events.get(events.size() - 1);
        assertThat(updated.get("type").asText()).isEqualTo("security_answers.updated");
        assertThat(updated.get("data").get("count").asInt()).isEqualTo(2);
    }

    @Test
    void answersReplacedOnThePageKeepTheOperatorsFamilySharing() throws Exception {
        String shared = connection("home");
        HttpResponse<String> put = gw.send(HttpRequest.newBuilder(gw.uri("/v1/connections/" + shared
                + "/security-answers")).header("Authorization", "Bearer " + gw.token())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"answers\": [{\"question\": \"First pet?\", \"answer\": \"Old\"}], \"shareWithFamily\": true}"))
                .build());
        assertThat(put.statusCode()).isEqualTo(204);
        owner.claim(invite(shared));

        owner.post("/i/answers", Map.of("csrf", owner.formToken(), "question", "First pet?", "answer", "New"));

        String sibling = TestGateway.json(gw.post("/v1/connections", "{\"utility\": \"oru\"}")).get("id").asText();
        assertThat(TestGateway.json(match(sibling, "First pet?")).get("answer").asText()).isEqualTo("New");
    }

    @Test
    void answersThatBreakTheRulesAreRefusedOnThePageWithTheRowAndNothingIsStored() throws Exception {
        String c = connection("home");
        owner.claim(invite(c));
        String token = owner.formToken();

        HttpResponse<String> same = owner.post("/i/answers", "csrf=" + token
                + "&question=First+pet%3F&answer=a&question=What+was+your+first+pet%27s+name%3F&answer=b", owner.origin());
        HttpResponse<String> blank = owner.post("/i/answers", "csrf=" + token
                + "&question=&answer=&question=First+pet%3F&answer=+", owner.origin());
        HttpResponse<String> none = owner.post("/i/answers", "csrf=" + token + "&question=&answer=", owner.origin());

        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(same.body()).selectFirst("#error").text()).isEqualTo("Row 2 asks the same as row 1; keep one of them.");
        assertThat(Jsoup.parse(same.body()).selectFirst("#q2").attr("value")).isEqualTo("What was your first pet's name?");
        assertThat(Jsoup.parse(blank.body()).selectFirst("#error").text())
                .isEqualTo("The answer in row 2 is required and not blank.");
        assertThat(Jsoup.parse(none.body()).selectFirst("#error").text()).contains("at least one question");
        assertThat(match(c, "First pet?").statusCode()).isEqualTo(404);
    }

    @Test
    void aCodeTypedOnThePageWakesTheLongPollAsAManualCode() throws Exception {
        String c = connection("home");
        owner.claim(invite(c));
        CompletableFuture<HttpResponse<String>> poll = gw.client().sendAsync(
                HttpRequest.newBuilder(gw.uri("/v1/connections/" + c + "/codes/next?wait=20"))
                        .header("Authorization", "Bearer " + gw.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        HttpResponse<String> r = owner.post("/i/code", Map.of("csrf", owner.formToken(), "code", "482 913"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/i/?done=code");
        JsonNode code = TestGateway.json(poll.get(10, TimeUnit.SECONDS));
        assertThat(code.get("code").asText()).isEqualTo("482913");
        assertThat(code.get("channel").asText()).isEqualTo("manual");
        HttpResponse<String> bad = owner.post("/i/code", Map.of("csrf", owner.formToken(), "code", "12"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(bad.body()).selectFirst("#error").text()).contains("4 to 10 letters or digits");
    }

    @Test
    void aPostWithoutTheFormTokenIs403AndStoresNothing() throws Exception {
        String c = connection("home");
        owner.claim(invite(c));

        HttpResponse<String> code = owner.post("/i/code", Map.of("code", "482913"));
        HttpResponse<String> answers = owner.post("/i/answers", Map.of("question", "First pet?", "answer", "Zork"));
        HttpResponse<String> confirm = owner.post("/i/confirm", Map.of("csrf", ""));

        assertThat(List.of(code.statusCode(), answers.statusCode(), confirm.statusCode())).containsOnly(403);
        assertThat(code.body()).contains("This form was not accepted");
        assertThat(eventTypes(c)).containsExactly("invitation.created", "invitation.opened");
        assertThat(match(c, "First pet?").statusCode()).isEqualTo(404);
        assertThat(owner.get("/i/").body()).contains("id=\"confirm\"");
    }

    @Test
    void theFormTokenOfAnotherSessionIs403() throws Exception {
        String c = connection("home");
        owner.claim(invite(c));
        PageClient other = new PageClient(gw);
        other.claim(invite(c));

        HttpResponse<String> r = owner.post("/i/code", Map.of("csrf", other.formToken(), "code", "482913"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(eventTypes(c)).doesNotContain("code.received");
    }

    @Test
    void aPostFromAnotherSiteIs403EvenWithTheRightToken() throws Exception {
        String c = connection("home");
        String url = invite(c);
        owner.claim(url);
        String body = "csrf=" + owner.formToken() + "&code=482913";

        assertThat(owner.post("/i/code", body, "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(owner.post("/i/code", body, "null").statusCode()).isEqualTo(403);
        PageClient victim = new PageClient(gw);
        assertThat(victim.post(PageClient.path(invite(c)), "", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(victim.cookie()).isNull();
        assertThat(eventTypes(c)).doesNotContain("code.received");
    }

    @Test
    void afterConfirmThePageSaysDoneAndTakesNoMorePosts() throws Exception {
        String c = connection("home");
        String url = invite(c);
        owner.claim(url);
        String token = owner.formToken();

        HttpResponse<String> confirmed = owner.post("/i/confirm", Map.of("csrf", token));

        assertThat(confirmed.statusCode()).isEqualTo(303);
        HttpResponse<String> done = owner.get("/i/");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You can close this page").doesNotContain("<form");
        assertThat(owner.post("/i/code", Map.of("csrf", token, "code", "482913")).statusCode()).isEqualTo(409);
        assertThat(new PageClient(gw).get(PageClient.path(url)).body()).contains("This link was already used");
        assertThat(eventTypes(c)).containsExactly("invitation.created", "invitation.opened", "invitation.completed");
    }
}
