package net.mfagateway.gateway.numbers;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.Iterator;
import net.mfagateway.gateway.config.TwilioAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PhoneNumbers} on a Twilio account, through the SDK: the first SMS-capable US local
 * number on offer is bought with its SMS webhook set, and released by its SID. Authenticates
 * with an API key and secret, never the account's auth token.
 */
public final class TwilioPhoneNumbers implements PhoneNumbers {

    private static final Logger log = LoggerFactory.getLogger(TwilioPhoneNumbers.class);
    private static final String COUNTRY = "US";

    private final TwilioRestClient client;

    public TwilioPhoneNumbers(TwilioAccount account) {
        this.client = new TwilioRestClient.Builder(account.apiKey(), account.apiSecret())
                .accountSid(account.accountSid())
                .httpClient(new TwilioHttp(account.apiBase()))
                .build();
    }

    @Override
    public Provisioned provision(URI smsWebhookUrl) throws ProvisioningException {
        PhoneNumber offered;
        try {
            Iterator<Local> found = Local.reader(COUNTRY).setSmsEnabled(true).limit(1).read(client).iterator();
            if (!found.hasNext()) {
                throw new ProvisioningException("Twilio has no SMS-capable " + COUNTRY + " numbers on offer", true, null);
            }
            offered = found.next().getPhoneNumber();
        } catch (TwilioException e) {
            throw failure("searching for a number", e);
        }
        try {
            IncomingPhoneNumber bought = IncomingPhoneNumber.creator(offered)
                    .setSmsUrl(smsWebhookUrl)
                    .setSmsMethod(HttpMethod.POST)
                    .create(client);
            log.info("sms.number_provisioned phone={} sid={}", bought.getPhoneNumber(), bought.getSid());
            return new Provisioned(bought.getPhoneNumber().toString(), bought.getSid());
        } catch (TwilioException e) {
            throw failure("buying " + offered, e);
        }
    }

    @Override
    public void release(String numberSid) throws ProvisioningException {
        try {
            IncomingPhoneNumber.deleter(numberSid).delete(client);
            log.info("sms.number_released sid={}", numberSid);
        } catch (ApiException e) {
            if (e.getStatusCode() != null && e.getStatusCode() == 404) {
                log.info("sms.number_already_released sid={}", numberSid);
                return;
            }
            throw failure("releasing " + numberSid, e);
        } catch (TwilioException e) {
            throw failure("releasing " + numberSid, e);
        }
    }

    private static ProvisioningException failure(String what, TwilioException e) {
        String status = e instanceof ApiException api && api.getStatusCode() != null ? " (HTTP " + api.getStatusCode() + ")" : "";
        return new ProvisioningException("Twilio failed " + what + status + ": " + e.getMessage(), false, e);
    }
}
