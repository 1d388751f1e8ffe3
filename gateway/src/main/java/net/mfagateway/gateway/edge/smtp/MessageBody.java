package net.mfagateway.gateway.edge.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one message from subethasmtp's DATA or BDAT stream, always to its end, so the session
 * stays in step with the client whatever is refused: what follows the end is the client's next
 * command, and nothing inside the message ever is.
 *
 * <p>subethasmtp 7.2 ends DATA only at {@code <CR><LF>.<CR><LF>} ({@code DotTerminatedInputStream}),
 * so the fake end markers of SMTP smuggling ({@code <LF>.<CR><LF>}, {@code <CR><LF>.<LF>},
 * {@code <CR>.<CR><LF>}) and the commands after them arrive here as part of one message. With
 * {@code strictNewlines} any CR not followed by LF, or LF not preceded by CR, refuses that whole
 * message: a relay in front of us may have seen it as two. BDAT is framed by length, not by a
 * dot, so it is read with {@code strictNewlines} off.
 */
final class MessageBody {

    private static final int CR = '\r';
    private static final int LF = '\n';

    private MessageBody() {
    }

    /**
     * The message's bytes, or a refusal once the stream has been read to its end. {@code progress}
     * runs as bytes arrive, so the session's idle clock sees a slow but live sender.
     */
    static byte[] read(InputStream in, long maxBytes, int maxLineBytes, boolean strictNewlines, Runnable progress)
            throws IOException, Refusal {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        int filled = 0;
        long total = 0;
        int line = 0;
        int previous = LF;
        boolean bareNewline = false;
        boolean tooLarge = false;
        boolean lineTooLong = false;
        int b;
        // One byte at a time: the streams below read byte by byte anyway, and a chunked read
        // would block until the chunk is full, hiding progress from the idle clock.
        while ((b = in.read()) != -1) {
            progress.run();
            if (strictNewlines && (b == LF && previous != CR || previous == CR && b != LF)) {
                bareNewline = true;
            }
            if (b == LF) {
                line = 0;
            } else if (b != CR && ++line > maxLineBytes) {
                lineTooLong = true;
            }
            previous = b;
            if (++total > maxBytes) {
                tooLarge = true;
            } else {
                chunk[filled++] = (byte) b;
                if (filled == chunk.length) {
                    out.write(chunk, 0, filled);
                    filled = 0;
                }
            }
        }
        if (bareNewline) {
            throw Refusal.bareNewline();
        }
        if (tooLarge) {
            throw Refusal.tooLarge(maxBytes);
        }
        if (lineTooLong) {
            throw Refusal.lineTooLong(maxLineBytes);
        }
        out.write(chunk, 0, filled);
        return out.toByteArray();
    }
}
