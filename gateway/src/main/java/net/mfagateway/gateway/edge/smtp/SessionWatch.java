package net.mfagateway.gateway.edge.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.subethamail.smtp.DropConnectionException;

/**
 * One session's clocks and counters: the idle and total timeouts and the commands sent without a
 * message. The session's own thread reports each command and each DATA byte; the sweeper thread
 * calls {@link #check} and, when a timeout has passed, shuts the socket's input, so that a read
 * blocked on a silent or trickling client returns at once and the session ends through
 * {@link Sessions#onSessionEnd}, which sends the 421. Shutting only the input leaves replies to
 * what was already read (a 250 after a commit) deliverable.
 */
final class SessionWatch {

    private enum State { WAITING, COMMAND, READING_DATA }

    private final Socket socket;
    private final InetAddress client;
    private final LongSupplier nanos;
    private final Consumer<Refusal> onEnd;
    private final long started;
    private final long idleNanos;
    private final long sessionNanos;
    private final int maxCommands;

    private State state = State.WAITING;
    private String verb = "";
    private volatile long lastActivity;
    private int commandsWithoutMessage;
    private Refusal ended;
    private boolean answered;

    /**
     * {@code socket} is the plain one, before any STARTTLS: shutting its input ends a TLS session
     * too. {@code onEnd} hears, once, the refusal that ends the session.
     */
    SessionWatch(Socket socket, LongSupplier nanos, long idleNanos, long sessionNanos, int maxCommands,
            Consumer<Refusal> onEnd) {
        this.socket = socket;
        this.client = socket.getInetAddress();
        this.nanos = nanos;
        this.onEnd = onEnd;
        this.started = nanos.getAsLong();
        this.lastActivity = started;
        this.idleNanos = idleNanos;
        this.sessionNanos = sessionNanos;
        this.maxCommands = maxCommands;
    }

    /**
     * Before a command runs. Throws the 421 that ends the session when it has already timed out
     * or has sent too many commands without a message; QUIT always runs.
     */
    synchronized void commandStarting(String verb) throws DropConnectionException {
        lastActivity = nanos.getAsLong();
        state = State.COMMAND;
        this.verb = verb;
        if (ended != null) {
            answered = true;
            throw ended.drop();
        }
        if (!verb.equals("QUIT") && ++commandsWithoutMessage > maxCommands) {
            ended = Refusal.tooManyCommands();
            answered = true;
            onEnd.accept(ended);
            throw ended.drop();
        }
    }

    /** After a command ran. A timeout that passed meanwhile ends the session before the next one. */
    synchronized void commandFinished() {
        lastActivity = nanos.getAsLong();
        state = State.WAITING;
        if (ended != null) {
            shutdownInput();
        }
    }

    /** A message is being transferred: its DATA bytes keep the session alive and reset the command count. */
    synchronized void messageStarting() {
        state = State.READING_DATA;
        commandsWithoutMessage = 0;
        lastActivity = nanos.getAsLong();
    }

    /** A DATA byte arrived. Unsynchronized on purpose: a plain write per byte, read by the sweeper. */
    void dataArrived() {
        lastActivity = nanos.getAsLong();
    }

    /** The whole message has arrived; storing it is our time, not the client's idle time. */
    synchronized void messageReceived() {
        state = State.COMMAND;
        lastActivity = nanos.getAsLong();
    }

    /** Called by the sweeper: ends the session when one of its timeouts has passed. */
    synchronized void check() {
        if (ended != null) {
            return;
        }
        long now = nanos.getAsLong();
        if (now - started >= sessionNanos) {
            ended = Refusal.sessionTimeout();
        } else if (state != State.COMMAND && now - lastActivity >= idleNanos) {
            ended = Refusal.idleTimeout();
        } else {
            return;
        }
        onEnd.accept(ended);
        if (state != State.COMMAND) {
            shutdownInput();
        }
    }

    /**
     * When the session ends: the 421 still to send, because a timeout ended it and no reply said
     * so yet; else null.
     */
    synchronized Refusal unansweredEnd() {
        if (ended == null || answered) {
            return null;
        }
        answered = true;
        return ended;
    }

    /** The verb of the command running now (or last run): DATA or BDAT while a message arrives. */
    synchronized String verb() {
        return verb;
    }

    synchronized boolean ended() {
        return ended != null;
    }

    InetAddress client() {
        return client;
    }

    private void shutdownInput() {
        try {
            if (!socket.isClosed() && !socket.isInputShutdown()) {
                socket.shutdownInput();
            }
        } catch (IOException e) {
            // Already gone: the session ends on its own.
        }
    }
}
