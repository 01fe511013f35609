package io.ramgrants.engine;

import static io.ramgrants.engine.Observations.versions;
import static org.assertj.core.api.Assertions.assertThat;

import io.ramgrants.ram.PolicyVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionPruningTest {
    @Test
    void fourVersionsLeaveRoomForOneMore() {
        assertThat(VersionPruning.toDeleteBefore(versions(4, 4), 1)).isEmpty();
    }

    @Test
    void fiveVersionsLoseTheOldestNonDefault() {
        assertThat(VersionPruning.toDeleteBefore(versions(5, 1), 1)).map(PolicyVersion::versionId).containsExactly("v2");
    }

    @Test
    void versionNumbersOrderNumericallyNotAlphabetically() {
        List<PolicyVersion> versions = List.of(
                new PolicyVersion("v10", false, "{}", "2024-01-10"),
                new PolicyVersion("v9", false, "{}", "2024-01-09"),
                new PolicyVersion("v11", true, "{}", "2024-01-11"),
                new PolicyVersion("v12", false, "{}", "2024-01-12"),
                new PolicyVersion("v13", false, "{}", "2024-01-13"));
        assertThat(VersionPruning.toDeleteBefore(versions, 1)).map(PolicyVersion::versionId).containsExactly("v9");
        assertThat(VersionPruning.nonDefault(versions)).map(PolicyVersion::versionId)
                .containsExactly("v9", "v10", "v12", "v13");
    }
}
