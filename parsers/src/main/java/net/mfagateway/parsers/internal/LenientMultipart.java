package net.mfagateway.parsers.internal;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Angus's multipart parser with its leniency chosen per instance rather than by JVM-wide system
 * properties: a multipart never closed ends at the end of the input ({@link #isComplete()} then
 * says false), a missing boundary parameter is found from the first delimiter-like line, and on
 * request so is one that never occurs in the body.
 */
final class LenientMultipart extends MimeMultipart {

    private final boolean findBoundary;

    private LenientMultipart(DataSource body, boolean findBoundary) throws MessagingException {
        super(body);
        this.findBoundary = findBoundary;
    }

    /**
     * Parses {@code body}, the raw bytes of a multipart entity whose Content-Type is
     * {@code contentType}; with {@code findBoundary}, the declared boundary is ignored in favour
     * of the first line that looks like a delimiter. Throws when no delimiter is found at all.
     */
    static LenientMultipart parse(TransferDecoding.Source body, String contentType, boolean findBoundary)
            throws MessagingException {
        LenientMultipart multipart = new LenientMultipart(new RawBody(body, contentType), findBoundary);
        multipart.getCount();
        return multipart;
    }

    @Override
    protected void initializeProperties() {
        ignoreMissingEndBoundary = true;
        ignoreMissingBoundaryParameter = true;
        ignoreExistingBoundaryParameter = findBoundary;
        allowEmpty = false;
    }

    /** The multipart body as Angus's parser reads it: undecoded, shared with the message's bytes. */
    private record RawBody(TransferDecoding.Source body, String contentType) implements DataSource {

        @Override
        public InputStream getInputStream() throws java.io.IOException {
            try {
                return body.open();
            } catch (MessagingException e) {
                throw new java.io.IOException(e);
            }
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return "";
        }
    }
}
