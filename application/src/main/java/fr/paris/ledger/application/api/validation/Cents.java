package fr.paris.ledger.application.api.validation;

import fr.paris.ledger.application.api.Requests;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An amount in integer cents from {@code min} to {@link Requests#MAX_CENTS}; absent is allowed
 * unless {@code required}. Message: "[required, ]integer cents, min to MAX".
 */
@Documented
@Constraint(validatedBy = Cents.Check.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Cents {
    boolean required() default true;

    long min() default 0;

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<Cents, Long> {
        private boolean required;
        private long min;

        @Override
        public void initialize(Cents cents) {
            required = cents.required();
            min = cents.min();
        }

        @Override
        public boolean isValid(Long value, ConstraintValidatorContext context) {
            boolean valid = value == null ? !required : value >= min && value <= Requests.MAX_CENTS;
            if (!valid) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate((required ? "required, " : "") + "integer cents, " + min + " to "
                        + Requests.MAX_CENTS).addConstraintViolation();
            }
            return valid;
        }
    }
}
