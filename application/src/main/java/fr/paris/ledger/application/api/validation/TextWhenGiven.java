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

/**
 * An optional text: absent, or {@code min} to {@code max} characters (surrounding blanks do not
 * count towards the minimum, so a blank one is refused). Message: "min to max characters when given",
 * as the API has always answered for a category.
 */
@Documented
@Constraint(validatedBy = TextWhenGiven.Check.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface TextWhenGiven {
    int min() default 1;

    int max();

    String message() default "{min} to {max} characters when given";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<TextWhenGiven, String> {
        private int min;
        private int max;

        @Override
        public void initialize(TextWhenGiven text) {
            min = text.min();
            max = text.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.strip().length() >= min && value.length() <= max;
        }
    }
}
