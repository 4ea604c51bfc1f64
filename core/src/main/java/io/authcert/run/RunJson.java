package io.authcert.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.authcert.plan.Action;
import java.io.IOException;
import java.time.Duration;

/**
 * The JSON form of run events and step results (journal, JSON report): snake_case names, ISO-8601
 * instants, durations in milliseconds, actions and outcomes by their public lower-case names.
 */
public final class RunJson {

    private static final ObjectMapper MAPPER = create();

    private RunJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** One event as a JSON object whose {@code event} field names its kind ({@code step_finished}). */
    public static ObjectNode event(RunEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event", snake(event.getClass().getSimpleName()));
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        return node;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static ObjectMapper create() {
        SimpleModule names = new SimpleModule();
        names.addSerializer(Action.class, new JsonSerializer<>() {
            @Override
            public void serialize(Action value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.jsonName());
            }
        });
        names.addSerializer(StepOutcome.class, new JsonSerializer<>() {
            @Override
            public void serialize(StepOutcome value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.jsonName());
            }
        });
        names.addSerializer(RunResult.Status.class, new JsonSerializer<>() {
            @Override
            public void serialize(RunResult.Status value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.name().toLowerCase(java.util.Locale.ROOT));
            }
        });
        names.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeNumber(value.toMillis());
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(names)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
