package net.mfagateway.gateway.edge.sms;

import com.twilio.security.RequestValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.mfagateway.gateway.intake.Inbound;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.gateway.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /sms/twilio}: Twilio's incoming-message webhook, adapted for {@link Intake}. The
 * only place TwiML is written, and it never sends a reply SMS. Order of checks: no auth token
 * configured 503; bad or missing {@code X-Twilio-Signature} 403 (nothing stored); missing fields
 * 400; then the text is routed by its {@code To} number. An unknown number is answered 200, so
 * Twilio does not retry it, and counted. Twilio re-sends on time-outs: the same
 * {@code MessageSid} is stored once.
 */
@ChannelHandler.Sharable
public final class TwilioWebhook extends SimpleChannelInboundHandler<FullHttpRequest> {

    public static final String PATH = "/sms/twilio";
    private static final Logger log = LoggerFactory.getLogger(TwilioWebhook.class);
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Optional<RequestValidator> validator;
    private final URI publicUrl;
    private final Store store;
    private final Intake intake;
    private final MeterRegistry metrics;

    public TwilioWebhook(Optional<String> authToken, URI publicUrl, Store store, Intake intake, MeterRegistry metrics) {
        this.validator = authToken.map(RequestValidator::new);
        this.publicUrl = publicUrl;
        this.store = store;
        this.intake = intake;
        this.metrics = metrics;
        // Registered at zero, so rate() and alert expressions see the series before the first text.
        metrics.counter("mfa.gateway.sms.messages", "result", "accepted");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.method().equals(HttpMethod.POST)) {
            answer(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed");
            return;
        }
        if (validator.isEmpty()) {
            answer(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "not_configured");
            return;
        }
        Map<String, String> form = form(request);
        String signature = request.headers().get("X-Twilio-Signature");
        // Twilio signs the URL it was configured with: the public base URL plus path and query.
        String signedUrl = publicUrl + request.uri();
        if (signature == null || !validator.get().validate(signedUrl, form, signature)) {
            log.warn("sms.refused result=bad_signature url={}", signedUrl);
            answer(ctx, keepAlive, HttpResponseStatus.FORBIDDEN, "bad_signature");
            return;
        }
        String to = normalise(form.get("To"));
        String sid = form.get("MessageSid");
        if (sid == null || sid.isBlank() || to == null || form.get("Body") == null) {
            log.warn("sms.refused result=missing_fields sid={}", sid);
            answer(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, "missing_fields");
            return;
        }
        Optional<Connection> connection = store.connectionByPhone(to);
        if (connection.isEmpty()) {
            log.warn("sms.unknown_number to={} sid={} action=answered_200_not_stored", to, sid);
            answer(ctx, keepAlive, HttpResponseStatus.OK, "unknown_number");
            return;
        }
        String from = form.getOrDefault("From", "");
        intake.accept(new Inbound.Sms(connection.get(), from, form.get("Body"), sid)).whenComplete((stored, failure) -> {
            if (failure != null) {
                log.warn("sms.store_failed conn={} sid={} reason={}", connection.get().id(), sid, failure.toString());
                answer(ctx, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "store_failed");
                return;
            }
            Intake.Stored s = stored.get(0);
            log.info("sms.accepted conn={} from={} sid={} kind={} rule={} duplicate={}", s.connectionId(), from, sid,
                    s.kind(), s.ruleId(), s.duplicate());
            answer(ctx, keepAlive, HttpResponseStatus.OK, s.duplicate() ? "duplicate" : "accepted");
        });
    }

    private static Map<String, String> form(FullHttpRequest request) {
        String body = request.content().toString(StandardCharsets.UTF_8);
        Map<String, String> form = new HashMap<>();
        for (Map.Entry<String, List<String>> e : new QueryStringDecoder(body, StandardCharsets.UTF_8, false)
                .parameters().entrySet()) {
            form.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
        }
        return form;
    }

    /** The number as E.164, or null when it is not one. */
    private static String normalise(String number) {
        if (number == null) {
            return null;
        }
        String n = number.replaceAll("[\\s().-]", "");
        return E164.matcher(n).matches() ? n : null;
    }

    /** Every answer is TwiML, so Twilio never sees an error page; {@code result} is counted. */
    private void answer(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, String result) {
        metrics.counter("mfa.gateway.sms.messages", "result", result).increment();
        byte[] body = EMPTY_TWIML.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
