/**
 * How {@link net.mfagateway.parsers.MailParser} reads mail (and {@link net.mfagateway.parsers.SmsParser}
 * an SMS). Not API: nothing outside the parsers module may use these types, and they change
 * without notice.
 *
 * <p>MIME is read with jakarta.mail/Angus ({@code MimeMessage}, a per-instance lenient
 * {@code MimeMultipart}, {@code InternetHeaders}, {@code ContentType}, Angus's decoder streams,
 * {@code MimeUtility.decodeText}, {@code InternetAddress}); no system property is set. What Angus
 * cannot do is repaired here, each in its own small class that says why: a header section with no
 * blank line, a Content-Type with one bad parameter, a mislabelled charset, damaged base64, and
 * addresses in forwarded-block text.
 */
package net.mfagateway.parsers.internal;
