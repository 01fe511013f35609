package io.ramgrants.manifest;

import java.nio.file.Path;

/**
 * A file or document that could not be read as one of our resources. Never carries the
 * document's content: a broken Secret must not be echoed.
 *
 * @param document 1-based position in the file, or 0 for the file as a whole; shown as
 *                 {@code file#N} from the second document on, like {@link LoadedResource#location()}
 */
public record ManifestProblem(Path file, int document, String message) {
    @Override
    public String toString() {
        return (document <= 1 ? file.toString() : file + "#" + document) + ": " + message;
    }
}
