package fr.paris.ledger.application.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import fr.paris.ledger.infra.web.PlainText;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * How request bodies are read: stricter than Jackson's defaults, on a copy of Spring's mapper so
 * that nothing else (the read models' JSON columns) changes. A body is one JSON value and nothing
 * after it, and no object in it names a field twice; an integer field takes an integer, not
 * {@code 1.5} (Jackson would truncate it) nor {@code true}, nor a string ({@code "2031"}, or a blank
 * one such as {@code "\u0000"}: only {@code ""} reads as absent); a boolean takes {@code true} or
 * {@code false}, not {@code 5} nor {@code "true"}; every string is {@link PlainText}. Each is a 400
 * {@code request.invalid} naming the field when it can (see {@link ApiErrors}). The event store's
 * mapper ({@code LedgerObjectMapper}) is another one, and unchanged.
 */
@Configuration(proxyBeanMethods = false)
public class RequestJsonConfiguration {

    @Bean
    public MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper shared) {
        return new MappingJackson2HttpMessageConverter(strict(shared));
    }

    static ObjectMapper strict(ObjectMapper shared) {
        ObjectMapper m = shared.copy();
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        // an object naming a field twice is refused, not read as its last value (issue 14): two readers of
        // one body must never see two different requests
        m.setConfig(m.getDeserializationConfig().withFeatures(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
        m.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        // a number or a boolean written as a string ("year":"2031") is refused too (issue 14)
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        // Jackson reads a "blank" string (every character at most U+0020: spaces, but also NUL and the
        // other controls) as absent for a number or a boolean; only "" is absent here
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(scalar).setAcceptBlankAsEmpty(false);
        }
        m.registerModule(new SimpleModule("plain-text").addDeserializer(String.class, new PlainTextDeserializer()));
        return m;
    }

    /** Jackson's string reading, then the {@link PlainText} check. */
    static final class PlainTextDeserializer extends StdScalarDeserializer<String> {
        PlainTextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && !PlainText.isClean(value)) {
                throw ctxt.weirdStringException(value, String.class, "a control, unpaired surrogate or bidi override character");
            }
            return value;
        }
    }
}
