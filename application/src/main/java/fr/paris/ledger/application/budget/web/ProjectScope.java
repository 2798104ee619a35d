package fr.paris.ledger.application.budget.web;

import fr.paris.ledger.budget.Scope;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A project's scope, required: {@code PARIS} or an arrondissement {@code "1"} to {@code "20"} ({@link Scope#isWellFormed}). */
@Documented
@Constraint(validatedBy = ProjectScope.Check.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface ProjectScope {
    String message() default "PARIS or an arrondissement \"1\" to \"20\"";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<ProjectScope, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Scope.isWellFormed(value);
        }
    }
}
