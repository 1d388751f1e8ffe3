package net.mfagateway.gateway.intake;

import net.mfagateway.gateway.store.Code;

/**
 * Told of each code right after it is durably stored, on the store's writer thread: must
 * return quickly and never block (the long-poll waiters only schedule their responses).
 */
public interface CodeListener {
    void codeStored(Code code);
}
