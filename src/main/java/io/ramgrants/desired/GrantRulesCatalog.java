package io.ramgrants.desired;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.desired.validation.ValidationError;
import java.util.List;
import java.util.Optional;

/** The rules of every grant kind, for callers that hold a resource of any kind (plan, apply). */
public final class GrantRulesCatalog {
    private static final List<GrantRules<?>> ALL =
            List.of(new DtsGrantRules(), new DmsRegistrationRules(), new DmsAccessRules());

    private GrantRulesCatalog() {}

    public static List<GrantRules<?>> all() {
        return ALL;
    }

    public static boolean isGrant(HasMetadata resource) {
        return rulesFor(resource).isPresent();
    }

    /** Validation errors of a grant of any kind; throws IllegalArgumentException for a non-grant. */
    public static List<ValidationError> validate(HasMetadata grant, AccountDirectory accounts) {
        return typed(grant).validate(accounts);
    }

    /** Validation, once, and the desired state when valid, of a grant of any kind; throws IllegalArgumentException for a non-grant. */
    public static Evaluation evaluate(HasMetadata grant, AccountDirectory accounts) {
        return typed(grant).evaluate(accounts);
    }

    /** Desired state of a valid grant of any kind; throws IllegalArgumentException when invalid or not a grant. */
    public static DesiredState desiredState(HasMetadata grant, AccountDirectory accounts) {
        return typed(grant).desiredState(accounts);
    }

    private static Optional<GrantRules<?>> rulesFor(HasMetadata resource) {
        return ALL.stream().filter(r -> r.resourceType().isInstance(resource)).findFirst();
    }

    private static Bound<?> typed(HasMetadata grant) {
        GrantRules<?> rules = rulesFor(grant).orElseThrow(
                () -> new IllegalArgumentException(grant.getClass().getSimpleName() + " is not a grant kind"));
        return bind(rules, grant);
    }

    private static <R extends CustomResource<?, GrantStatus>> Bound<R> bind(
            GrantRules<R> rules, HasMetadata grant) {
        return new Bound<>(rules, rules.resourceType().cast(grant));
    }

    /** A resource together with the rules of its kind, so the generic calls type-check. */
    private record Bound<R extends CustomResource<?, GrantStatus>>(
            GrantRules<R> rules, R resource) {
        List<ValidationError> validate(AccountDirectory accounts) {
            return rules.validate(resource, accounts);
        }

        DesiredState desiredState(AccountDirectory accounts) {
            return rules.desiredState(resource, accounts);
        }

        Evaluation evaluate(AccountDirectory accounts) {
            return rules.evaluate(resource, accounts);
        }
    }
}
