package fr.paris.ledger.application.sortition.web;

import fr.paris.ledger.application.sortition.web.CouncilRequests.CouncilDefineRequest;
import fr.paris.ledger.sortition.CouncilRules;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The council requests' checks that no standard constraint says: quota groups with their seats, and
 * the rules that tie two fields of a council's definition. Each problem names its field, with the
 * API's own message.
 */
final class CouncilChecks {
    private CouncilChecks() {
    }

    /**
     * 1 to 50 quota groups, each with a valid name and {@code min} to 10000 seats; with {@code oneToDraw},
     * at least one seat in all.
     */
    @Documented
    @Constraint(validatedBy = GroupSeats.Check.class)
    @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @interface GroupSeats {
        int min();

        boolean oneToDraw() default false;

        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<GroupSeats, Map<String, Integer>> {
            private int min;
            private boolean oneToDraw;

            @Override
            public void initialize(GroupSeats groupSeats) {
                min = groupSeats.min();
                oneToDraw = groupSeats.oneToDraw();
            }

            @Override
            public boolean isValid(Map<String, Integer> groups, ConstraintValidatorContext context) {
                List<String> problems = new ArrayList<>();
                if (groups == null || groups.isEmpty() || groups.size() > 50) {
                    problems.add("required, 1 to 50 groups");
                } else {
                    groups.forEach((name, seats) -> {
                        if (!CouncilRules.isValidGroupName(name)) {
                            problems.add("group names have 1 to 32 letters, digits, _ or -");
                        }
                        if (seats == null || seats < min || seats > 10_000) {
                            problems.add("seats of group " + name + ": " + min + " to 10000");
                        }
                    });
                }
                if (oneToDraw && groups != null && groups.values().stream().allMatch(v -> v != null && v == 0)) {
                    problems.add("at least one seat to draw");
                }
                problems.forEach(problem -> report(context, problem, null));
                return problems.isEmpty();
            }
        }
    }

    /** A council's age range runs upwards, and its quota groups' seats add up to its seats. */
    @Documented
    @Constraint(validatedBy = ConsistentRules.Check.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface ConsistentRules {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<ConsistentRules, CouncilDefineRequest> {
            @Override
            public boolean isValid(CouncilDefineRequest body, ConstraintValidatorContext context) {
                boolean valid = true;
                if (body.minAge() != null && body.maxAge() != null && body.minAge() > body.maxAge()) {
                    valid = report(context, "at least minAge", "maxAge");
                }
                Map<String, Integer> quotas = body.quotas();
                if (quotas != null && body.seats() != null && !quotas.isEmpty() && quotas.values().stream().allMatch(Objects::nonNull)
                        && quotas.values().stream().mapToInt(Integer::intValue).sum() != body.seats()) {
                    valid = report(context, "the groups' seats add up to the council's seats", "quotas");
                }
                return valid;
            }
        }
    }

    /** Adds a problem with this very message (a group name in it is not a message template) to {@code field}, or to the annotated one. */
    private static boolean report(ConstraintValidatorContext context, String message, String field) {
        context.disableDefaultConstraintViolation();
        String literal = message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        var violation = context.buildConstraintViolationWithTemplate(literal);
        if (field == null) {
            violation.addConstraintViolation();
        } else {
            violation.addPropertyNode(field).addConstraintViolation();
        }
        return false;
    }
}
