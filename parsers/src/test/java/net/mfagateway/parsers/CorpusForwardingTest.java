package net.mfagateway.parsers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every corpus mail: how it was forwarded and who wrote the original, as its .json expects. */
class CorpusForwardingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> corpus() throws IOException {
        Path dir = Path.of(System.getProperty("mfa.corpus.dir", "../rules/src/test/resources/corpus"), "email");
        return Files.list(dir)
                .filter(p -> p.getFileName().toString().endsWith(".eml"))
                .sorted()
                .map(p -> Arguments.of(Named.of(p.getFileName().toString(), p)));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void forwardingAndOriginalSenderMatchTheExpectation(Path eml) throws IOException {
        String name = eml.getFileName().toString();
        JsonNode expect = JSON.readTree(eml.resolveSibling(name.replace(".eml", ".json")).toFile()).get("expect");

        InboundMessage message = MailParser.parse(Files.readAllBytes(eml));

        assertThat(message.forwarding().wireName()).as("forwarding").isEqualTo(expect.get("forwarding").asText());
        assertThat(message.originalSender()).as("originalSender").isEqualTo(expect.get("originalSender").asText());
    }
}
