package net.mfagateway.gateway.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets at rest with AES-256-GCM (JDK {@code javax.crypto}). A sealed blob is
 * {@code version(1) || nonce(12) || ciphertext || tag(16)}; every seal draws a fresh random
 * 96-bit nonce, so sealing the same plaintext twice gives different blobs. The caller names what
 * the blob belongs to (a connection id) as associated data: a blob copied to another owner, or
 * altered in any bit, does not open ({@link Unreadable}). Thread-safe.
 */
public final class SecretBox {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final int KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretBox(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Encrypts {@code plaintext}, bound to {@code owner} (authenticated, not encrypted). */
    public byte[] seal(byte[] plaintext, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, owner);
            byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JVM", e);
        }
    }

    /** Decrypts a blob made by {@link #seal} for the same {@code owner} under the same key. */
    public byte[] open(byte[] sealed, String owner) throws Unreadable {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new Unreadable("not a sealed blob of version " + VERSION);
        }
        ByteBuffer in = ByteBuffer.wrap(sealed);
        in.get();
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, owner).doFinal(sealed, in.position(), in.remaining());
        } catch (AEADBadTagException e) {
            throw new Unreadable("altered, sealed for another owner, or sealed under another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JVM", e);
        }
    }

    /**
     * A 32-byte key for one {@code purpose} (e.g. signing form tokens), derived from this box's key
     * with HMAC-SHA256 (HKDF-Expand's one-block case): stable across restarts, yet it reveals
     * nothing about the sealing key and differs per purpose.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            mac.update(("mfa-gateway " + purpose).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(new byte[] {1});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String owner) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A blob that does not open: tampered with, moved to another owner, or under another key. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
