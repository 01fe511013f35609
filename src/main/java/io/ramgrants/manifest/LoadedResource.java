package io.ramgrants.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;

/**
 * One recognised document of a manifest file.
 *
 * @param document 1-based position of the document in its file
 */
public record LoadedResource(Path file, int document, HasMetadata resource) {
    public String kind() {
        return HasMetadata.getKind(resource.getClass());
    }

    public String name() {
        return resource.getMetadata().getName();
    }

    /** {@code file} alone for single-document files, {@code file#N} otherwise. */
    public String location() {
        return document == 1 ? file.toString() : file + "#" + document;
    }
}
