/**
 * How {@link net.mfagateway.parsers.MailParser} reads mail. Not API: nothing outside the parsers
 * module may use these types, and they change without notice.
 *
 * <p>MIME is read here rather than with jakarta.mail's {@code MimeMessage}: recovering from the
 * damage real mail carries (a boundary that does not match, a multipart never closed, truncated
 * base64, a wrong charset) needs control that Angus offers only through JVM-wide system
 * properties, and a single pass over a byte array is also what keeps parsing well under a
 * millisecond.
 */
package net.mfagateway.parsers.internal;
