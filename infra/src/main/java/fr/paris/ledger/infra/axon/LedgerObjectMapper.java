package fr.paris.ledger.infra.axon;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.paris.ledger.shared.SingleNumber;
import fr.paris.ledger.shared.SingleValue;
import java.io.IOException;
import java.lang.reflect.Constructor;

/**
 * The ObjectMapper of the event store: dedicated to Axon (never Spring MVC's, whose settings may
 * change for the API's sake) and fixed here, because it decides the stored form of every event.
 * Typed values are written as plain strings ({@link SingleValue}) or plain numbers ({@link SingleNumber});
 * times as ISO-8601 strings.
 */
public final class LedgerObjectMapper {
    private LedgerObjectMapper() {
    }

    public static ObjectMapper create() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(singleValues())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // an event read back by an older node must not fail on a field added later
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    /**
     * Writes {@link SingleValue} records as their string, {@link SingleNumber} records as their number, and reads
     * them through their one-argument constructor.
     */
    public static SimpleModule singleValues() {
        Deserializers deserializers = new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription bean) {
                Class<?> raw = type.getRawClass();
                if (SingleNumber.class.isAssignableFrom(raw) && !raw.isInterface()) {
                    return singleNumber(raw);
                }
                if (!SingleValue.class.isAssignableFrom(raw) || raw.isInterface()) {
                    return null;
                }
                try {
                    Constructor<?> constructor = raw.getDeclaredConstructor(String.class);
                    return new JsonDeserializer<Object>() {
                        @Override
                        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            String text = p.getValueAsString();
                            try {
                                return constructor.newInstance(text);
                            } catch (ReflectiveOperationException e) {
                                Throwable cause = e.getCause() == null ? e : e.getCause();
                                return ctxt.handleWeirdStringValue(raw, text, cause.getMessage());
                            }
                        }
                    };
                } catch (NoSuchMethodException e) {
                    return null;
                }
            }
        };
        SimpleModule module = new SimpleModule("ledger-single-values") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addDeserializers(deserializers);
            }
        };
        module.addSerializer(SingleValue.class, new StdSerializer<>(SingleValue.class) {
            @Override
            public void serialize(SingleValue value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.value());
            }
        });
        module.addSerializer(SingleNumber.class, new StdSerializer<>(SingleNumber.class) {
            @Override
            public void serialize(SingleNumber value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(value.value());
            }
        });
        return module;
    }

    private static JsonDeserializer<?> singleNumber(Class<?> raw) {
        Constructor<?> constructor;
        try {
            constructor = raw.getDeclaredConstructor(int.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
        return new JsonDeserializer<Object>() {
            @Override
            public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.currentToken().isNumeric()) {
                    return ctxt.handleUnexpectedToken(raw, p);
                }
                int number = p.getIntValue();
                try {
                    return constructor.newInstance(number);
                } catch (ReflectiveOperationException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    return ctxt.handleWeirdNumberValue(raw, number, cause.getMessage());
                }
            }
        };
    }
}
