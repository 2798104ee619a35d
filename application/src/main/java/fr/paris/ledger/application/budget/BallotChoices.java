package fr.paris.ledger.application.budget;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.budget.BallotMethod;
import fr.paris.ledger.budget.BudgetDirectory;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.shared.RuleViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ballot's content, online or on paper, checked for its shape: the fields of the campaign's
 * ballot method only (approval: choices; majority judgment: grades), each well formed. These checks
 * name fields Bean Validation cannot ({@code grades.<projectId>}), depend on the campaign's method,
 * and list every problem of the content in one answer, so they are made here. A grade outside 0..3
 * is left to the ballot rules ({@code budget.grade-invalid}), except one beyond an int.
 */
public record BallotChoices(List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects,
                            Map<ProjectId, Integer> grades) {

    /** A ballot's content as sent: approval choices, or majority-judgment grades (project id to 0..3). */
    public record Content(List<String> parisWide, String arrondissement, List<String> arrondissementProjects,
                          Map<String, Long> grades) {
    }

    /** The most grades a ballot holds: more than every project of a scope and an arrondissement (2021: 13 + 40). */
    private static final int MAX_GRADES = 300;
    private static final int MAX_CHOICES = 50;

    /** The content checked for the campaign of {@code year}, by its ballot method (none without a campaign, refused later). */
    static BallotChoices of(BudgetDirectory directory, CampaignYear year, Content content) {
        BallotMethod method = directory.campaign(year).map(c -> c.rules().ballotMethod()).orElse(null);
        List<FieldProblem> errors = new ArrayList<>();
        List<ProjectId> paris = ids(errors, "parisWide", content.parisWide());
        List<ProjectId> local = ids(errors, "arrondissementProjects", content.arrondissementProjects());
        Integer arr = null;
        if (content.arrondissement() != null) {
            if (!Scope.isWellFormed(content.arrondissement()) || "PARIS".equals(content.arrondissement())) {
                errors.add(new FieldProblem("arrondissement", "\"1\" to \"20\""));
            } else {
                arr = Integer.parseInt(content.arrondissement());
            }
        }
        Map<ProjectId, Integer> graded = grades(errors, content.grades());
        if (method == BallotMethod.MAJORITY_JUDGMENT) {
            notGiven(errors, "parisWide", paris);
            notGiven(errors, "arrondissementProjects", local);
        } else if (method == BallotMethod.APPROVAL && graded != null && !graded.isEmpty()) {
            errors.add(new FieldProblem("grades", "this campaign is voted by approval: choose projects in parisWide and "
                    + "arrondissementProjects"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return new BallotChoices(paris, arr, local, graded);
    }

    private static void notGiven(List<FieldProblem> errors, String field, List<ProjectId> choices) {
        if (!choices.isEmpty()) {
            errors.add(new FieldProblem(field, "this campaign is voted by majority judgment: grade the projects in grades "
                    + "(project id to 0..3)"));
        }
    }

    /** Grades keyed by well-formed project ids, each a whole number; null when absent. */
    private static Map<ProjectId, Integer> grades(List<FieldProblem> errors, Map<String, Long> grades) {
        if (grades == null) {
            return null;
        }
        if (grades.size() > MAX_GRADES) {
            errors.add(new FieldProblem("grades", "at most " + MAX_GRADES + " projects"));
            return null;
        }
        Map<ProjectId, Integer> graded = new LinkedHashMap<>();
        for (Map.Entry<String, Long> g : grades.entrySet()) {
            if (!ProjectId.isWellFormed(g.getKey())) {
                errors.add(new FieldProblem("grades", "not a project id: " + g.getKey()));
            } else if (g.getValue() == null) {
                errors.add(new FieldProblem("grades." + g.getKey(), "a grade, 0 to 3"));
            } else if (g.getValue() < Integer.MIN_VALUE || g.getValue() > Integer.MAX_VALUE) {
                throw RuleViolation.refused("budget.grade-invalid", "Project " + g.getKey() + " is graded " + g.getValue()
                        + ": a grade is 0 to 3.");
            } else {
                graded.put(new ProjectId(g.getKey()), g.getValue().intValue());
            }
        }
        return graded;
    }

    private static List<ProjectId> ids(List<FieldProblem> errors, String field, List<String> values) {
        List<ProjectId> ids = new ArrayList<>();
        if (values == null) {
            return ids;
        }
        if (values.size() > MAX_CHOICES) {
            errors.add(new FieldProblem(field, "at most " + MAX_CHOICES + " project ids"));
            return ids;
        }
        for (String v : values) {
            if (ProjectId.isWellFormed(v)) {
                ids.add(new ProjectId(v));
            } else {
                errors.add(new FieldProblem(field, "not a project id: " + v));
            }
        }
        return ids;
    }
}
