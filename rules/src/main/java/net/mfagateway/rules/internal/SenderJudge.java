package net.mfagateway.rules.internal;

import java.util.Optional;
import net.mfagateway.parsers.Channel;
import net.mfagateway.parsers.InboundMessage;
import net.mfagateway.rules.SenderHistory;
import net.mfagateway.rules.SenderStatus;

/**
 * Decides whether a message's author may deliver a code for the connection's utility.
 *
 * <p>Mail whose wording matches a utility's MFA template but whose author is on a domain with no
 * tie to that utility (not declared, never seen, not a subdomain, not carrying its name) is
 * refused: it is either a person's mail or a spoof, and a wrong code burns a login attempt and
 * can lock the account. A genuine move to an unrelated domain shows up as a
 * {@code message.unmatched} event with this reason, and an operator adds the domain to the rule
 * file. SMS is not judged by sender: short codes are not public facts, and the text arrives on a
 * number provisioned for this connection only.
 */
final class SenderJudge {

    private SenderJudge() {
    }

    /** The status to report, or empty when the author must not deliver a code for this utility. */
    static Optional<SenderStatus> judge(InboundMessage message, Optional<UtilityRules> utility, SenderHistory history,
            GenericRules generic) {
        String author = message.originalSender();
        String domain = author.contains("@") ? author.substring(author.indexOf('@') + 1) : "";
        if (utility.isEmpty()) {
            boolean person = message.channel() == Channel.EMAIL && generic.freeMailDomains().contains(domain);
            return person ? Optional.empty() : Optional.of(SenderStatus.UNKNOWN);
        }
        UtilityRules rules = utility.get();
        if (message.channel() == Channel.SMS) {
            boolean known = rules.smsSenders().contains(author) || history.hasSent(rules.id(), author);
            return Optional.of(known ? SenderStatus.KNOWN : SenderStatus.UNKNOWN);
        }
        if (!author.isEmpty() && (rules.declares(author) || history.hasSent(rules.id(), author))) {
            return Optional.of(SenderStatus.KNOWN);
        }
        if (rules.relatedDomain(domain) && !generic.freeMailDomains().contains(domain)) {
            return Optional.of(SenderStatus.ROTATED);
        }
        return Optional.empty();
    }
}
