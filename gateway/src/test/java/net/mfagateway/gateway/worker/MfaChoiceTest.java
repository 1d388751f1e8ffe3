package net.mfagateway.gateway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import net.mfagateway.gateway.status.LoginReport;
import net.mfagateway.gateway.support.Logins;
import net.mfagateway.gateway.support.TestGateway;
import net.mfagateway.gateway.worker.simulated.PortalAccount;
import net.mfagateway.gateway.worker.simulated.PortalAccount.Destination;
import net.mfagateway.gateway.worker.simulated.SimulatedPortal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A portal that offers several destinations for its code: the driver picks the one that reaches
 * the gateway for this connection, and says so when none does. The simulated portal mails over
 * SMTP and texts through the gateway's Twilio webhook, signed as Twilio signs.
 */
class MfaChoiceTest {

    private static final String TWILIO_TOKEN = "simulated-twilio-auth-token";
    private static final String PUBLIC = "http://localhost:8080";
    private static final String CUSTOMER = "ann.customer@gmail.com";

    @TempDir
    Path dir;

    private TestGateway gw;
    private SimulatedPortal portal;
    private Logins logins;

    @BeforeEach
    void start() throws Exception {
        gw = TestGateway.start(dir, Map.of("MFA_GATEWAY_TWILIO_AUTH_TOKEN", TWILIO_TOKEN, "MFA_GATEWAY_PUBLIC_URL",
                PUBLIC, "MFA_GATEWAY_WORKER_CODE_WAIT_SECONDS", "5", "MFA_GATEWAY_WORKER_UTILITY_INTERVAL_SECONDS", "0"));
        portal = new SimulatedPortal("127.0.0.1", gw.smtpPort(), Clock.systemUTC());
        portal.textVia(gw.uri("/sms/twilio"), PUBLIC + "/sms/twilio", TWILIO_TOKEN);
        logins = new Logins(gw, portal);
    }

    @AfterEach
    void stop() {
        portal.close();
        gw.close();
    }

    private JsonNode connection(String user, String phone) throws Exception {
        return logins.connection("sdge", user, 0, phone == null ? Map.of() : Map.of("phone", phone));
    }

    private void offer(String user, List<Destination> destinations) {
        portal.addAccount(PortalAccount.emailCode(user, CUSTOMER, "myaccount@sdge.com", "Your SDG&E verification code")
                .withQuestion("What was the name of your first pet?", "Rex").withDestinations(destinations));
    }

    private JsonNode lastCode(JsonNode c) throws Exception {
        return TestGateway.json(gw.get("/v1/connections/" + Logins.id(c)
                + "/codes/next?after=2020-01-01T00:00:00Z&wait=1"));
    }

    @Test
    void theConnectionsOwnAddressIsChosenOverTheCustomersInboxAndATextToAnotherNumber() throws Exception {
        JsonNode c = connection("ann", null);
        offer("ann", List.of(Destination.email(CUSTOMER), Destination.sms("+15550009999"),
                Destination.email(c.get("email").asText()), Destination.question()));

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));

        assertThat(portal.mailsSent()).isEqualTo(1);
        assertThat(portal.textsSent()).isZero();
        assertThat(lastCode(c).get("channel").asText()).isEqualTo("email");
    }

    @Test
    void aTextToTheConnectionsNumberIsChosenWhenTheMailGoesToTheCustomer() throws Exception {
        JsonNode c = connection("bob", "+15550101234");
        offer("bob", List.of(Destination.email(CUSTOMER), Destination.question(), Destination.sms("+15550101234")));

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));

        assertThat(portal.textsSent()).isEqualTo(1);
        assertThat(portal.mailsSent()).isZero();
        JsonNode code = lastCode(c);
        assertThat(code.get("channel").asText()).isEqualTo("sms");
        assertThat(logins.events(c)).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("connection.status");
            assertThat(e.get("data").get("method").asText()).isEqualTo("sms");
        });
    }

    @Test
    void theSecurityQuestionIsChosenWhenAnswersAreStoredAndNoCodeWouldReachTheGateway() throws Exception {
        JsonNode c = connection("cat", null);
        offer("cat", List.of(Destination.email(CUSTOMER), Destination.question(), Destination.sms("+15550009999")));
        assertThat(gw.put("/v1/connections/" + Logins.id(c) + "/security-answers",
                "{\"answers\":[{\"question\":\"First pet's name?\",\"answer\":\"rex\"}]}").statusCode()).isEqualTo(204);

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));

        assertThat(portal.mailsSent() + portal.textsSent()).isZero();
    }

    @Test
    void whenNoDestinationReachesTheGatewayNothingIsSentAndAPersonIsToldWhatToChange() throws Exception {
        JsonNode c = connection("dan", null);
        offer("dan", List.of(Destination.email(CUSTOMER), Destination.sms("+15550009999"), Destination.question()));

        LoginReport outcome = logins.logIn(c);

        assertThat(outcome).isInstanceOf(LoginReport.MfaUnreachable.class);
        assertThat(((LoginReport.MfaUnreachable) outcome).offered()).containsExactly("email to an**********@gmail.com",
                "text to ***-***-9999", "a security question");
        assertThat(portal.mailsSent() + portal.textsSent()).isZero();
        JsonNode after = logins.get(c);
        assertThat(after.get("status").asText()).isEqualTo("needs_attention");
        JsonNode diagnosis = after.get("diagnosis");
        assertThat(diagnosis.get("reason").asText()).isEqualTo("mfa_destination_unreachable");
        assertThat(diagnosis.get("message").asText()).contains("an**********@gmail.com").contains(c.get("email").asText())
                .contains("no security answers are stored");
        // SDG&E's profile ranks managed forwarding first.
        assertThat(diagnosis.get("advice").get(0).asText()).isEqualTo("Managed forwarding: make "
                + c.get("email").asText() + " the contact address for codes at the utility's portal.");
        assertThat(logins.eventTypes(c)).contains("login.failed");
    }

    @Test
    void anInboxThatHasForwardedCodesHereIsChosenWhenNothingElseReaches() throws Exception {
        JsonNode c = connection("fay", null);
        portal.inboxForwardsTo(CUSTOMER, c.get("email").asText());
        // At first the portal mails the owner's inbox without asking, and the inbox forwards it here.
        offer("fay", List.of(Destination.email(CUSTOMER)));
        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(lastCode(c).get("forwarding").asText()).isEqualTo("auto");

        // Later it offers a choice; the device is forgotten, so it asks again.
        offer("fay", List.of(Destination.sms("+15550009999"), Destination.email(CUSTOMER)));
        portal.forgetDevices("fay");

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(portal.mailsSent()).isEqualTo(2);
        assertThat(portal.textsSent()).isZero();
    }

    @Test
    void aSingleDestinationIsUsedAsThePortalSendsWithoutAsking() throws Exception {
        JsonNode c = connection("eve", "+15550104321");
        offer("eve", List.of(Destination.sms("+15550104321")));

        assertThat(logins.logIn(c)).isEqualTo(new LoginReport.Connected(LoginReport.Mfa.REQUIRED));
        assertThat(portal.textsSent()).isEqualTo(1);
    }
}
