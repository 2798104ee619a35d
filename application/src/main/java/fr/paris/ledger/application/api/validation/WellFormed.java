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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;

/**
 * A text that a typed value's own check accepts, so that a request and the value it becomes follow
 * one rule: the public static {@code method} of {@code value} taking the text ({@code isWellFormed}
 * unless another is named, e.g. {@code CouncilId.isWellFormed}, {@code CouncilRules.isValidGroupName})
 * answers {@code true}; or, for a parser ({@code BenefitKind.valueOf}, {@code DrawAlgorithm.byName}),
 * returns a value (not null, not an empty {@code Optional}) without throwing. Absent is refused unless
 * {@code optional}. The message is the field's own, as the API has always answered it.
 */
@Documented
@Constraint(validatedBy = WellFormed.Check.class)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface WellFormed {
    /** The type whose check decides. */
    Class<?> value();

    /** Its public static method taking the text. */
    String method() default "isWellFormed";

    boolean optional() default false;

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<WellFormed, String> {
        private Method check;
        private boolean optional;

        @Override
        public void initialize(WellFormed wellFormed) {
            optional = wellFormed.optional();
            check = Arrays.stream(wellFormed.value().getMethods())
                    .filter(m -> m.getName().equals(wellFormed.method()) && Modifier.isStatic(m.getModifiers())
                            && m.getParameterCount() == 1 && m.getParameterTypes()[0].isAssignableFrom(String.class))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no public static " + wellFormed.method() + "(String) in "
                            + wellFormed.value().getName()));
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null && optional) {
                return true;
            }
            Object answer;
            try {
                answer = check.invoke(null, value);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException) {
                    return false; // the parser refused the text
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return answer instanceof Boolean accepted ? accepted
                    : answer != null && !(answer instanceof Optional<?> parsed && parsed.isEmpty());
        }
    }
}
