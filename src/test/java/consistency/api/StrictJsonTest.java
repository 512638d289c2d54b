package consistency.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import consistency.generator.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        new StrictJson().customize(mapper);
        return mapper;
    }

    private static Scenario read(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, Scenario.class);
    }

    @Test
    void integersAndFractionsAsJsonNumbersAreRead() throws JsonProcessingException {
        Scenario s = read("{\"keys\":12,\"seed\":-3,\"duplicates\":{\"rate\":0.5},\"start_time\":\"2026-01-01T00:00:00Z\"}");
        assertThat(s.keys()).isEqualTo(12);
        assertThat(s.seed()).isEqualTo(-3);
        assertThat(s.duplicates().rate()).isEqualTo(0.5);
    }

    @Test
    void aFractionIsNotAnInteger() {
        assertThatThrownBy(() -> read("{\"keys\":1.5}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("{\"seed\":1.0}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aStringIsNotANumber() {
        assertThatThrownBy(() -> read("{\"keys\":\"12\"}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("{\"keys\":\"\uff11\uff12\"}")).as("fullwidth digits")
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("{\"keys\":\"\"}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read("{\"duplicates\":{\"rate\":\"0.5\"}}")).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aDuplicateKeyIsRefused() {
        assertThatThrownBy(() -> read("{\"keys\":1,\"keys\":10000}"))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("Duplicate field 'keys'");
    }
}
