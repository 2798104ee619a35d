package fr.paris.ledger.application.api.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

/**
 * A text naming one constant of {@code value} (required unless {@code optional}). Message: "one of
 * [A, B, ...]", as {@link fr.paris.ledger.application.api.Requests#enumOf} answers.
 */
@Documented
@Constraint(validatedBy = OneOf.Check.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {
    Class<? extends Enum<?>> value();

    boolean optional() default false;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<OneOf, String> {
        private Enum<?>[] constants;
        private boolean optional;

        @Override
        public void initialize(OneOf oneOf) {
            constants = oneOf.value().getEnumConstants();
            optional = oneOf.optional();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null && optional) {
                return true;
            }
            boolean valid = Arrays.stream(constants).anyMatch(c -> c.name().equals(value));
            if (!valid) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("one of " + Arrays.toString(constants)
                        .replace("{", "\\{").replace("}", "\\}").replace("$", "\\$")).addConstraintViolation();
            }
            return valid;
        }
    }
}
