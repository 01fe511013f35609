package io.ramgrants.desired;

import io.fabric8.kubernetes.client.CustomResource;
import io.ramgrants.api.GrantStatus;
import io.ramgrants.desired.validation.ValidationError;
import java.util.List;

/**
 * The seed rules of one grant kind: pure functions from the resource (and the facts about
 * the accounts it names) to validation errors and to the RAM state it wants. Shared by the
 * operator and the {@code plan}/{@code apply} commands.
 */
public interface GrantRules<R extends CustomResource<?, GrantStatus>> {
    Class<R> resourceType();

    /** Every reason the resource cannot be acted on; empty when valid. Makes no RAM call. */
    List<ValidationError> validate(R resource, AccountDirectory accounts);

    /** Validates once and, when valid, computes the roles and policies the resource wants. Makes no RAM call. */
    Evaluation evaluate(R resource, AccountDirectory accounts);

    /**
     * The roles and policies the resource wants. Call only when {@link #validate} returned no
     * error; throws {@link IllegalArgumentException} otherwise.
     */
    default DesiredState desiredState(R resource, AccountDirectory accounts) {
        return evaluate(resource, accounts).requireValid(resource);
    }
}
