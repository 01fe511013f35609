package io.ramgrants.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The directories {@code spec.credentials.oidc.tokenFile} may point into. The operator POSTs
 * the file's content to STS as an OIDC token, so without this check an account could name
 * {@code /var/run/secrets/kubernetes.io/serviceaccount/token} (the operator's own Kubernetes
 * identity) or any other readable file.
 *
 * <p>Default: the directory of {@code ALIBABA_CLOUD_OIDC_TOKEN_FILE} (the RRSA projection),
 * unless that is the service account token directory. Explicit directories
 * ({@code run --allow-token-dir}) may include it. Paths are compared after resolving
 * {@code ..} and symbolic links, so {@code <dir>/../serviceaccount/token} and a link out of
 * the directory are refused.
 */
public final class TokenDirectories {
    /** Where Kubernetes mounts the pod's service account token. */
    public static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    private final List<Path> directories;

    private TokenDirectories(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** Only explicitly named directories (normalised, absolute). */
    public static TokenDirectories of(List<Path> directories) {
        Set<Path> cleaned = new LinkedHashSet<>();
        for (Path dir : directories == null ? List.<Path>of() : directories) {
            cleaned.add(dir.toAbsolutePath().normalize());
        }
        return new TokenDirectories(new ArrayList<>(cleaned));
    }

    /**
     * The directory of {@code ALIBABA_CLOUD_OIDC_TOKEN_FILE} when set and not the service account
     * token directory, plus {@code explicit}.
     */
    public static TokenDirectories fromEnvironment(CredentialEnvironment environment, List<Path> explicit) {
        List<Path> all = new ArrayList<>();
        environment.oidcTokenFile().map(f -> f.toAbsolutePath().normalize().getParent())
                .filter(dir -> dir != null && !isServiceAccountDir(dir))
                .ifPresent(all::add);
        all.addAll(explicit == null ? List.of() : explicit);
        return of(all);
    }

    public List<Path> directories() {
        return directories;
    }

    /**
     * Why {@code tokenFile} may not be read, or empty when it lies inside a configured directory
     * once {@code ..} and symbolic links are resolved. A file that does not exist yet is judged
     * on its normalised path (the read fails later with CredentialsUnavailable).
     */
    public Optional<String> refusal(Path tokenFile) {
        if (directories.isEmpty()) {
            return Optional.of("the operator reads OIDC tokens from no directory: set "
                    + CredentialEnvironment.OIDC_TOKEN_FILE + " (RRSA) or run --allow-token-dir");
        }
        Path file = real(tokenFile.toAbsolutePath().normalize());
        for (Path dir : directories) {
            Path realDir = real(dir);
            if (file.startsWith(realDir) && !file.equals(realDir)) {
                return Optional.empty();
            }
        }
        return Optional.of("is outside the directories the operator reads OIDC tokens from (" + directories
                + "); leave it out to use " + CredentialEnvironment.OIDC_TOKEN_FILE
                + ", or have the operator configured with run --allow-token-dir");
    }

    private static boolean isServiceAccountDir(Path dir) {
        return dir.startsWith(SERVICE_ACCOUNT_DIR) || real(dir).startsWith(real(SERVICE_ACCOUNT_DIR));
    }

    /** The real path where it exists; else the real path of the nearest existing parent plus the rest. */
    private static Path real(Path path) {
        Path existing = path;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            Path realExisting = existing.toRealPath();
            return rest == null ? realExisting : realExisting.resolve(rest).normalize();
        } catch (IOException e) {
            return path;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenDirectories other && directories.equals(other.directories);
    }

    @Override
    public int hashCode() {
        return Objects.hash(directories);
    }

    @Override
    public String toString() {
        return "TokenDirectories" + directories;
    }
}
