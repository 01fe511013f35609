package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ramgrants.api.AdoptionPolicy;
import io.ramgrants.api.ApiGroup;
import io.ramgrants.api.DeletionPolicy;
import io.ramgrants.api.GrantSpec;
import io.ramgrants.api.ManagementPolicy;
import io.ramgrants.engine.Adoption;
import io.ramgrants.engine.EngineOptions;
import io.ramgrants.engine.ManagementMode;
import io.ramgrants.engine.RemovalPolicy;
import java.util.Map;

/** The engine options a grant's common spec fields and pause annotation ask for. */
final class GrantOptions {
    private GrantOptions() {}

    static EngineOptions of(HasMetadata grant, GrantSpec spec) {
        return new EngineOptions(
                spec.managementPolicy == ManagementPolicy.Observe ? ManagementMode.OBSERVE : ManagementMode.MANAGE,
                spec.adoption == AdoptionPolicy.IfUnowned ? Adoption.IF_UNOWNED : Adoption.NEVER,
                spec.deletionPolicy == DeletionPolicy.Retain ? RemovalPolicy.RETAIN : RemovalPolicy.DELETE,
                paused(grant));
    }

    static boolean paused(HasMetadata grant) {
        Map<String, String> annotations = grant.getMetadata().getAnnotations();
        return annotations != null && "true".equalsIgnoreCase(annotations.get(ApiGroup.PAUSED_ANNOTATION));
    }
}
