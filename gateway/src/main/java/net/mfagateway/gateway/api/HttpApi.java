package net.mfagateway.gateway.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.mfagateway.gateway.numbers.PhoneNumbers;
import java.util.function.Supplier;
import net.mfagateway.gateway.answers.SecurityAnswers;
import net.mfagateway.gateway.intake.Intake;
import net.mfagateway.gateway.intake.Waiters;
import net.mfagateway.gateway.secrets.SecretBox;
import net.mfagateway.gateway.store.Ids;
import net.mfagateway.gateway.store.Store;
import net.mfagateway.gateway.config.HttpSettings;
import io.micrometer.core.instrument.MeterRegistry;
import net.mfagateway.gateway.status.StatusTracker;
import net.mfagateway.gateway.worker.LoginWorkers;
import net.mfagateway.gateway.worker.PortalPasswords;
import net.mfagateway.gateway.worker.RememberedDevices;
import net.mfagateway.rules.UtilityProfiles;

/**
 * The HTTP listener: one initializer assembles the pipeline, each handler does one job. Event
 * loops only move bytes; {@link ApiHandler} runs on a small worker group because it reads the
 * store, and parked long-polls hold no thread at all.
 */
public final class HttpApi implements AutoCloseable {

    private static final int MAX_BODY = 1 << 20;

    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup io = new NioEventLoopGroup(2);
    private final EventExecutorGroup workers = new DefaultEventExecutorGroup(4);
    private final String bind;
    private final int port;
    private final ApiHandler handler;
    private final HttpSettings limits;
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private Channel channel;

    /**
     * What the API serves from, built by the caller ({@code serve}). {@code mounts} are handlers
     * that own a whole path with a protocol of their own (the Twilio webhook). {@code secrets} seals
     * webhook secrets; {@code copiesConfigured} says whether a relay for code copies is set.
     */
    public record Services(Store store, Intake intake, Waiters waiters, Ids ids, Clock clock, String mailDomain,
            Supplier<String> metrics, Health health, SecurityAnswers securityAnswers,
            Map<String, ChannelInboundHandler> mounts, Optional<PhoneNumbers> numbers, URI smsWebhookUrl,
            UtilityProfiles profiles, StatusTracker status, LoginWorkers workers, Invitations invitations,
            SecretBox secrets, boolean copiesConfigured, HttpSettings limits, MeterRegistry registry,
            PortalPasswords passwords, RememberedDevices devices) {
    }

    /**
     * The invitation links and hosted pages: the URL links start with, how long they live unless
     * the caller says, what guards the pages' forms, and the set-up advice they show.
     */
    public record Invitations(URI publicUrl, Duration defaultTtl, FormGuard guard, SetupAdvice advice) {
    }

    public HttpApi(String bind, int port, Services s) {
        this.limits = s.limits();
        this.bind = bind;
        this.port = port;
        Invitations inv = s.invitations();
        ConnectionView view = new ConnectionView(s.store());
        List<Routes> routes = List.of(
                new ConnectionRoutes(s.store(), s.intake(), s.waiters(),
                        new LongPollLimits(s.limits().maxLongPolls(), s.limits().maxLongPollsPerTenant(), s.registry()),
                        s.ids(), s.clock(), s.mailDomain(),
                        s.numbers(), s.smsWebhookUrl(),
                        new ConnectionFields(s.mailDomain(), s.copiesConfigured(), s.workers().driverKinds()), view),
                new SecurityAnswerRoutes(s.store(), s.securityAnswers()),
                new PortalPasswordRoutes(s.store(), s.passwords(), s.workers()),
                new DeviceRoutes(s.store(), s.devices()),
                new UtilityRoutes(s.profiles()),
                new LoginRoutes(s.store(), s.status(), s.workers(), s.clock(), view),
                new InvitationRoutes(s.store(), s.ids(), s.clock(), inv.publicUrl(), inv.defaultTtl()),
                new WebhookRoutes(s.store(), s.secrets(), s.ids(), s.clock()),
                new TenantRoutes(s.store(), s.ids(), s.clock()));
        PageSessions sessions = new PageSessions(s.store(), s.clock(),
                "https".equalsIgnoreCase(inv.publicUrl().getScheme()));
        InvitationEvents events = new InvitationEvents(s.store(), s.ids());
        InvitationPages pages = new InvitationPages(s.store(), s.ids(), s.clock(), inv.guard(), inv.advice(), sessions,
                events, new InvitationForms(s.store(), s.intake(), s.securityAnswers(), s.passwords(), s.workers(),
                        s.clock(), inv.guard(), inv.advice(), sessions, events));
        this.handler = new ApiHandler(s.store(), routes, pages, s.metrics(), s.health(), s.mounts());
    }

    /** Binds and starts serving; returns the port actually bound. */
    public int start() throws InterruptedException {
        channel = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        SlowClientGuard guard = new SlowClientGuard(limits.requestTimeout(), limits.idleTimeout());
                        p.addLast(guard);
                        p.addLast(new HttpServerCodec(4096, 16 * 1024, 16 * 1024));
                        p.addLast(new HttpServerExpectContinueHandler());
                        p.addLast(new HttpObjectAggregator(MAX_BODY) {
                            @Override
                            protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
                                // The aggregator discards the rest of this body; the client reads the 413.
                                Responses.errorThenClose(ctx, ApiException.tooLarge(MAX_BODY), 5);
                            }
                        });
                        p.addLast(guard.marker());
                        p.addLast(workers, "api", handler);
                    }
                })
                .bind(new InetSocketAddress(bind, port)).sync().channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public boolean running() {
        return channel != null && channel.isActive();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        // Client channels close while every group still runs: their last events cross between the
        // event loops and the worker group, and a stopped group would refuse them.
        clients.close().awaitUninterruptibly(5, java.util.concurrent.TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
