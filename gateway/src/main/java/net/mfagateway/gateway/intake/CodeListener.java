package net.mfagateway.gateway.intake;

import java.util.List;
import net.mfagateway.gateway.store.Code;
import net.mfagateway.gateway.store.Connection;
import net.mfagateway.rules.Extraction;

/**
 * Told of what intake stored, right after it is durable, on the store's writer thread: must
 * return quickly and never block (the long-poll waiters only schedule their responses; anything
 * slower hands the work to another thread).
 */
public interface CodeListener {

    /** A code or link was stored. */
    void codeStored(Code code);

    /** A new (not duplicate) message was stored for {@code connection} with this outcome. */
    default void messageStored(Connection connection, Extraction extraction) {
    }

    /** One listener telling each of {@code listeners} in turn. */
    static CodeListener all(CodeListener... listeners) {
        List<CodeListener> each = List.of(listeners);
        return new CodeListener() {
            @Override
            public void codeStored(Code code) {
                each.forEach(l -> l.codeStored(code));
            }

            @Override
            public void messageStored(Connection connection, Extraction extraction) {
                each.forEach(l -> l.messageStored(connection, extraction));
            }
        };
    }
}
