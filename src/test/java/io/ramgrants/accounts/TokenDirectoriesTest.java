package io.ramgrants.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenDirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void filesInsideTheDirectoryAreAcceptedEscapesAreNot() throws Exception {
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path outside = Files.writeString(dir.resolve("secret"), "x");
        Files.writeString(tokens.resolve("token"), "t");
        Files.createSymbolicLink(tokens.resolve("link-out"), outside);
        Files.createSymbolicLink(dir.resolve("link-in"), tokens.resolve("token"));
        TokenDirectories allowed = TokenDirectories.of(List.of(tokens));

        assertThat(allowed.refusal(tokens.resolve("token"))).isEmpty();
        assertThat(allowed.refusal(tokens.resolve("not-yet-there"))).as("judged on its path").isEmpty();
        assertThat(allowed.refusal(tokens.resolve("..").resolve("secret"))).isPresent();
        assertThat(allowed.refusal(tokens.resolve("link-out"))).as("a link out of the directory").isPresent();
        assertThat(allowed.refusal(dir.resolve("link-in"))).as("a link into it lands inside").isEmpty();
        assertThat(allowed.refusal(tokens)).as("the directory itself").isPresent();
        assertThat(allowed.refusal(Path.of("relative/token"))).isPresent();
        assertThat(allowed.refusal(tokens.resolve("x").resolve("..").resolve("..").resolve("secret"))).isPresent();
        assertThat(allowed.refusal(dir.resolve("tokens-evil").resolve("token"))).as("a sibling with the prefix").isPresent();
    }

    @Test
    void theDefaultIsTheRrsaDirectoryButNeverTheServiceAccountOne() {
        TokenDirectories rrsa = TokenDirectories.fromEnvironment(new CredentialEnvironment(Map.of(
                CredentialEnvironment.OIDC_TOKEN_FILE, "/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token")), List.of());
        assertThat(rrsa.directories()).containsExactly(Path.of("/var/run/secrets/ack.alibabacloud.com/rrsa-tokens"));
        assertThat(rrsa.refusal(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token")))
                .hasValueSatisfying(m -> assertThat(m).contains("--allow-token-dir"));

        TokenDirectories saFromEnv = TokenDirectories.fromEnvironment(new CredentialEnvironment(Map.of(
                CredentialEnvironment.OIDC_TOKEN_FILE, "/var/run/secrets/kubernetes.io/serviceaccount/token")), List.of());
        assertThat(saFromEnv.directories()).as("not derived from the environment").isEmpty();
        assertThat(saFromEnv.refusal(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token"))).isPresent();

        TokenDirectories explicit = TokenDirectories.fromEnvironment(new CredentialEnvironment(Map.of()),
                List.of(TokenDirectories.SERVICE_ACCOUNT_DIR));
        assertThat(explicit.refusal(Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token")))
                .as("only when named explicitly").isEmpty();
        assertThat(TokenDirectories.fromEnvironment(new CredentialEnvironment(Map.of()), List.of())
                .refusal(Path.of("/tmp/token"))).hasValueSatisfying(m -> assertThat(m).contains("no directory"));
    }
}
