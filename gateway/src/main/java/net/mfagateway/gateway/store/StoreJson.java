package net.mfagateway.gateway.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How every store implementation writes the records of this package as JSON: instants as ISO-8601
 * text to the nanosecond, and fields it does not know (written by a later version) ignored, so a
 * record read back has any field added since empty.
 */
public final class StoreJson {

    /** Configured once here and never changed after: safe to share between threads. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StoreJson() {
    }
}
