package io.ramgrants.engine;

import static io.ramgrants.engine.DifferTest.DMS;
import static io.ramgrants.engine.DifferTest.DMS_MARKER;
import static io.ramgrants.engine.DifferTest.DMS_TRUST;
import static io.ramgrants.engine.DifferTest.DTS;
import static io.ramgrants.engine.DifferTest.DTS_MARKER;
import static io.ramgrants.engine.DifferTest.DTS_TRUST_AS_RAM_RETURNS;
import static io.ramgrants.engine.Fixtures.A;
import static io.ramgrants.engine.Fixtures.OTHER_OWNER;
import static io.ramgrants.engine.Observations.missing;
import static io.ramgrants.engine.Observations.policy;
import static io.ramgrants.engine.Observations.role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.ramgrants.desired.DesiredRole;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Named cases: when the marker lets the engine write, and which conflict blocks it otherwise. */
class OwnershipTest {
    static final String DMS_POLICY = "{\"Statement\":[{\"Action\":\"*\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]}";

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("a role that does not exist yet is free", DTS, missing(A, "ram-for-dts"), Adoption.NEVER,
                        List.of()),
                arguments("our marker", DTS, role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, DTS_MARKER, List.of()),
                        Adoption.NEVER, List.of()),
                arguments("our marker amid other text", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, "orders sync; " + DTS_MARKER + " (ticket 7)", List.of()),
                        Adoption.NEVER, List.of()),
                arguments("no marker, adoption Never", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, "made by hand", List.of()), Adoption.NEVER,
                        List.of("role ram-for-dts in " + A + " has no ramgrants.io ownership marker")),
                arguments("no description at all, adoption Never", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, null, List.of()), Adoption.NEVER,
                        List.of("role ram-for-dts in " + A + " has no ramgrants.io ownership marker")),
                arguments("no marker, adoption IfUnowned", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, "made by hand", List.of()), Adoption.IF_UNOWNED,
                        List.of()),
                arguments("another resource's marker is never adopted", DTS,
                        role(A, "ram-for-dts", DTS_TRUST_AS_RAM_RETURNS, OTHER_OWNER.marker(), List.of()),
                        Adoption.IF_UNOWNED,
                        List.of("role ram-for-dts in " + A + " is managed by team-z/CrossAccountDtsGrant/other"
                                + " (namespace/kind/name in its ownership marker)")),
                arguments("a policy marked for another resource blocks the role", DMS,
                        role(A, "ram-for-dms", DMS_TRUST, DMS_MARKER, List.of(),
                                policy("dms-redis-policy", DMS_POLICY, OTHER_OWNER.marker())),
                        Adoption.NEVER,
                        List.of("policy dms-redis-policy in " + A + " is managed by team-z/CrossAccountDtsGrant/other"
                                + " (namespace/kind/name in its ownership marker)")),
                arguments("an unmarked policy blocks a missing role too", DMS,
                        missing(A, "ram-for-dms", policy("dms-redis-policy", DMS_POLICY, "")),
                        Adoption.NEVER,
                        List.of("policy dms-redis-policy in " + A + " has no ramgrants.io ownership marker")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheseConflicts(String reason, DesiredRole desired, ObservedRole observed, Adoption adoption,
                               List<String> expected) {
        assertThat(new Ownership().conflicts(desired, observed, adoption)).map(Conflict::message)
                .containsExactlyElementsOf(expected);
    }
}
