package net.mfagateway.gateway.intake;

import java.util.List;
import java.util.Objects;
import net.mfagateway.gateway.store.Connection;

/** A message as an edge hands it to {@link Intake}: already routed to its connections. */
public sealed interface Inbound {

    /** Mail from one SMTP transaction; each recipient connection gets its own copy. */
    record Mail(List<Connection> recipients, String envelopeSender, byte[] raw) implements Inbound {
        public Mail {
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(raw, "raw");
            envelopeSender = envelopeSender == null ? "" : envelopeSender;
        }
    }

    /** One SMS; {@code messageId} is the carrier's id (Twilio's MessageSid), unique per text. */
    record Sms(Connection connection, String from, String body, String messageId) implements Inbound {
        public Sms {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** A code a person typed in. */
    record Manual(Connection connection, String code) implements Inbound {
        public Manual {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(code, "code");
        }
    }
}
