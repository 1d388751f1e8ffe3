package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void smsTextIsCleanedAsMailTextIs() {
        // Found by SmsParserFuzzTest: a lone CR (and any no-break or zero-width character) stayed in the text.
        InboundMessage message = SmsParser.parse(" 12345 ", "Your code is\r482\u200B913\u00A0\r\n\r\n\r\nReply STOP");

        assertThat(message.sender()).isEqualTo("12345");
        assertThat(message.text()).isEqualTo("Your code is\n482913\n\nReply STOP");
    }
}
