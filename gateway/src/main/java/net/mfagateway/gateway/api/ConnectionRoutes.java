package net.mfagateway.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.mfagateway.gateway.numbers.PhoneNumbers;
import net.mfagateway.gateway.intake.Inbound;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.intake.Waiters;
import net.mfagateway.gateway.store.Code;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.PortalLogin;
import net.mfagateway.gateway.store.ConnectionEdit;
import net.mfagateway.gateway.store.ConnectionStatus;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.store.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /v1/connections}: create, read, edit, list, events, and the {@code codes/next} long-poll. */
final class ConnectionRoutes implements Routes {

    private static final Pattern UTILITY = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Logger log = LoggerFactory.getLogger(ConnectionRoutes.class);
    /** The {@code phone} value that asks for a newly bought number. */
    private static final String PROVISION = "provision";
    private static final int DEFAULT_WAIT = 30;
    private static final int MAX_WAIT = 300;
    /** 20 base32 characters: 100 bits, well above the 64 the contract asks of an address. */
    private static final int ADDRESS_CHARS = 20;

    private final Store store;
    private final Intake intake;
    private final Waiters waiters;
    private final Ids ids;
    private final Clock clock;
    private final String mailDomain;
    private final Optional<PhoneNumbers> numbers;
    private final URI smsWebhookUrl;
    private final ConnectionFields fields;
    private final LongPollLimits limits;
    private final ConnectionView view;

    ConnectionRoutes(Store store, Intake intake, Waiters waiters, LongPollLimits limits, Ids ids, Clock clock,
            String mailDomain, Optional<PhoneNumbers> numbers, URI smsWebhookUrl, ConnectionFields fields,
            ConnectionView view) {
        this.view = view;
        this.fields = fields;
        this.limits = limits;
        this.numbers = numbers;
        this.smsWebhookUrl = smsWebhookUrl;
        this.store = store;
        this.intake = intake;
        this.waiters = waiters;
        this.ids = ids;
        this.clock = clock;
        this.mailDomain = mailDomain;
    }

    @Override
    public boolean route(Request req, Tenant tenant) {
        List<String> s = req.segments();
        String m = req.method();
        if (s.size() < 2 || !s.get(1).equals("connections")) {
            return false;
        }
        if (s.size() == 2) {
            if (m.equals("POST")) {
                create(req, tenant);
            } else {
                Routes.only("GET", req);
                list(req, tenant);
            }
            return true;
        }
        String id = s.get(2);
        if (s.size() == 3) {
            if (m.equals("DELETE")) {
                delete(req, tenant, id);
            } else if (m.equals("PATCH")) {
                edit(req, tenant, id);
            } else {
                Routes.only("GET", req);
                get(req, tenant, id);
            }
            return true;
        }
        if (s.size() == 4 && s.get(3).equals("events")) {
            Routes.only("GET", req);
            events(req, tenant, id);
            return true;
        }
        if (s.size() == 4 && s.get(3).equals("codes")) {
            Routes.only("POST", req);
            enterCode(req, tenant, id);
            return true;
        }
        if (s.size() == 5 && s.get(3).equals("codes") && s.get(4).equals("next")) {
            Routes.only("GET", req);
            nextCode(req, tenant, id);
            return true;
        }
        return false;
    }

    void create(Request req, Tenant tenant) {
        JsonNode body = req.jsonObject();
        String utility = req.string(body, "utility")
                .orElseThrow(() -> ApiException.badRequest("missing_field", "'utility' is required, e.g. \"coned\""));
        if (!UTILITY.matcher(utility).matches()) {
            throw ApiException.badRequest("invalid_field",
                    "'utility' must be a utility id: lower-case letters, digits and '-', e.g. \"coned\"");
        }
        String label = fields.label(req, body).orElse("");
        List<String> copyTo = fields.copyTo(req, body).orElse(List.of());
        PortalLogin login = fields.login(body);
        Optional<String> phone = req.string(body, "phone").map(p -> p.replaceAll("[\\s().-]", ""));
        if (phone.isPresent() && phone.get().equals(PROVISION)) {
            createWithNewNumber(req, tenant, utility, label, copyTo, login);
            return;
        }
        if (phone.isPresent() && !E164.matcher(phone.get()).matches()) {
            throw ApiException.badRequest("invalid_field", "'phone' must be an E.164 number such as +15550001111");
        }
        if (phone.isPresent() && store.connectionByPhone(phone.get()).isPresent()) {
            // Texts are routed by number: one number, one connection.
            throw ApiException.conflict("phone " + phone.get() + " already belongs to a connection");
        }
        String id = ids.next("c_");
        Connection connection = new Connection(id, tenant.id(), utility, label,
                ids.secret(ADDRESS_CHARS) + "@" + mailDomain, phone.orElse(null), ConnectionStatus.PENDING,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)).with(new ConnectionEdit(id, null, copyTo, login));
        store.putConnection(connection).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the connection; retry"));
            } else {
                Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.CREATED, view.of(connection));
            }
        });
    }

    /**
     * {@code "phone": "provision"}: buys a number whose texts come to {@code /sms/twilio}, then
     * stores the connection holding it. The purchase blocks on Twilio; it runs here, on the API
     * worker group (never a Netty event loop), which holds up that worker meanwhile.
     * TODO: move provisioning to its own executor if it is used at volume.
     */
    private void createWithNewNumber(Request req, Tenant tenant, String utility, String label, List<String> copyTo,
            PortalLogin login) {
        PhoneNumbers provider = numbers.orElseThrow(() -> ApiException.unavailable("provisioning_not_configured",
                "number provisioning is off: set MFA_GATEWAY_TWILIO_ACCOUNT_SID, MFA_GATEWAY_TWILIO_API_KEY and"
                        + " MFA_GATEWAY_TWILIO_API_SECRET, or pass an E.164 'phone' you already own"));
        PhoneNumbers.Provisioned number;
        try {
            number = provider.provision(smsWebhookUrl);
        } catch (PhoneNumbers.ProvisioningException e) {
            log.warn("api.provision_failed tenant={} reason=\"{}\"", tenant.id(), e.getMessage());
            throw e.noNumbers()
                    ? ApiException.unavailable("no_numbers_available", "Twilio has no SMS-capable numbers on offer"
                            + " right now; retry later")
                    : ApiException.badGateway("provisioning_failed", "could not buy a number from Twilio: "
                            + e.getMessage());
        }
        String id = ids.next("c_");
        Connection connection = new Connection(id, tenant.id(), utility, label,
                ids.secret(ADDRESS_CHARS) + "@" + mailDomain, number.phone(), ConnectionStatus.PENDING,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)).withPhoneSid(number.sid())
                .with(new ConnectionEdit(id, null, copyTo, login));
        store.putConnection(connection).whenComplete((ok, failure) -> {
            if (failure != null) {
                // Not stored: give the number back rather than pay for one nothing routes to.
                req.ctx().executor().execute(() -> releaseQuietly(provider, number.sid()));
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the connection; retry"));
            } else {
                Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.CREATED, view.of(connection));
            }
        });
    }

    private static void releaseQuietly(PhoneNumbers provider, String sid) {
        try {
            provider.release(sid);
        } catch (PhoneNumbers.ProvisioningException e) {
            log.error("api.number_leaked sid={} reason=\"{}\" action=release_by_hand", sid, e.getMessage());
        }
    }

    /**
     * Releases the connection's provisioned number (if it has one), then removes the connection:
     * its address refuses mail and its number is unknown from then on. A number that cannot be
     * released keeps the connection, so a paid number is never left behind unnoticed.
     */
    void delete(Request req, Tenant tenant, String id) {
        Connection connection = owned(tenant, id);
        if (connection.phoneSid() != null) {
            PhoneNumbers provider = numbers.orElseThrow(() -> ApiException.unavailable("provisioning_not_configured",
                    "this connection's number " + connection.phone() + " was provisioned, and releasing it needs the"
                            + " Twilio account settings (MFA_GATEWAY_TWILIO_ACCOUNT_SID, _API_KEY, _API_SECRET)"));
            try {
                provider.release(connection.phoneSid());
            } catch (PhoneNumbers.ProvisioningException e) {
                log.warn("api.release_failed connection={} sid={} reason=\"{}\"", id, connection.phoneSid(),
                        e.getMessage());
                throw ApiException.badGateway("release_failed", "could not release number " + connection.phone()
                        + " at Twilio; the connection is kept, retry: " + e.getMessage());
            }
        }
        store.deleteConnection(id).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not delete the connection; retry"));
            } else {
                Responses.noContent(req.ctx(), req.keepAlive());
            }
        });
    }

    void get(Request req, Tenant tenant, String id) {
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, view.of(owned(tenant, id)));
    }

    /** {@code PATCH}: changes the fields the body names ({@link ConnectionFields#edit}); 200 with the connection. */
    void edit(Request req, Tenant tenant, String id) {
        owned(tenant, id);
        ConnectionEdit edit = fields.edit(req, id);
        store.editConnection(edit).whenComplete((ok, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the change; retry"));
                return;
            }
            store.connection(id).ifPresentOrElse(
                    c -> Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, view.of(c)),
                    () -> Responses.error(req.ctx(), req.keepAlive(), ApiException.notFound("connection " + id)));
        });
    }

    void list(Request req, Tenant tenant) {
        Optional<ConnectionStatus> status = req.param("status").map(s -> ConnectionStatus.fromWire(s)
                .orElseThrow(() -> ApiException.badRequest("invalid_parameter", "unknown status '" + s + "'; use one of "
                        + String.join(", ", java.util.Arrays.stream(ConnectionStatus.values())
                                .map(ConnectionStatus::wireName).toList()))));
        List<Map<String, Object>> list = store.connections(tenant.id(), status).stream().map(view::of).toList();
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, Map.of("connections", list));
    }

    void events(Request req, Tenant tenant, String id) {
        owned(tenant, id);
        List<Map<String, Object>> list = store.events(id).stream().map(CodeView::of).toList();
        Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, Map.of("events", list));
    }

    /**
     * Parks the request until a code newer than {@code after} is stored or {@code wait} runs out.
     * The waiter is parked before the store is read, so a code committed in between is not missed:
     * either the read sees it or the commit sees the waiter (and {@link Waiter} answers once).
     */
    void nextCode(Request req, Tenant tenant, String id) {
        owned(tenant, id);
        Instant after = req.param("after").map(ConnectionRoutes::instant)
                .orElseGet(() -> clock.instant().minusSeconds(60));
        int wait = req.param("wait").map(ConnectionRoutes::waitSeconds).orElse(DEFAULT_WAIT);
        limits.acquire(tenant.id());
        CompletableFuture<Optional<Code>> next = waiters.next(id, after, Duration.ofSeconds(wait));
        next.whenComplete((code, failure) -> limits.release(tenant.id()));
        // A client that goes away frees its wait; nothing is written to a closed channel.
        req.ctx().channel().closeFuture().addListener(f -> next.cancel(false));
        next.thenAccept(code -> {
            if (code.isPresent()) {
                Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.OK, CodeView.of(code.get()));
            } else {
                Responses.noContent(req.ctx(), req.keepAlive());
            }
        });
    }

    /**
     * A code a person typed in (channel {@code manual}, read as {@link TypedCode}). Delivered to
     * waiting long-polls like any other.
     */
    void enterCode(Request req, Tenant tenant, String id) {
        Connection connection = owned(tenant, id);
        String raw = req.string(req.jsonObject(), "code")
                .orElseThrow(() -> ApiException.badRequest("missing_field", "'code' is required, e.g. \"482913\""));
        String code = TypedCode.parse(raw)
                .orElseThrow(() -> ApiException.badRequest("invalid_field", "'code' must be " + TypedCode.RULE));
        intake.accept(new Inbound.Manual(connection, code)).whenComplete((stored, failure) -> {
            if (failure != null) {
                Responses.error(req.ctx(), req.keepAlive(), ApiException.unavailable("could not store the code; retry"));
            } else {
                Responses.json(req.ctx(), req.keepAlive(), HttpResponseStatus.CREATED,
                        CodeView.of(stored.get(0).code()));
            }
        });
    }

    private Connection owned(Tenant tenant, String id) {
        return Routes.owned(store, tenant, id);
    }

    private static Instant instant(String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_parameter",
                    "'after' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }

    private static int waitSeconds(String raw) {
        try {
            int n = Integer.parseInt(raw);
            if (n < 0 || n > MAX_WAIT) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_parameter", "'wait' must be whole seconds from 0 to " + MAX_WAIT);
        }
    }
}
