package io.ramgrants.controller.grant;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Records a Kubernetes Event about a resource. Messages never carry a secret. */
public interface EventRecorder {
    enum Type { Normal, Warning }

    void record(HasMetadata regarding, Type type, String reason, String message);
}
