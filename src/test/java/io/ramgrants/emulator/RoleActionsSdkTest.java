package io.ramgrants.emulator;

import static io.ramgrants.emulator.Fixtures.ACCOUNT_A;
import static io.ramgrants.emulator.Fixtures.AK_A;
import static io.ramgrants.emulator.Fixtures.SECRET_A;
import static io.ramgrants.emulator.Fixtures.TRUST_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.ram20150501.Client;
import com.aliyun.ram20150501.models.CreateRoleRequest;
import com.aliyun.ram20150501.models.CreateRoleResponseBody;
import com.aliyun.ram20150501.models.DeleteRoleRequest;
import com.aliyun.ram20150501.models.GetRoleRequest;
import com.aliyun.ram20150501.models.GetRoleResponseBody;
import com.aliyun.ram20150501.models.ListRolesRequest;
import com.aliyun.ram20150501.models.ListRolesResponseBody;
import com.aliyun.ram20150501.models.UpdateRoleRequest;
import com.aliyun.ram20150501.models.UpdateRoleResponseBody;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Role actions through the real RAM SDK, signed both ways (ACS3 by default, v1 with "v2"). */
class RoleActionsSdkTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static RamEmulator emu;

    @BeforeAll
    static void start() {
        emu = RamEmulator.start(Fixtures.twoAccounts().clock(CLOCK).maxRolesPerAccount(1000).build(), 0);
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    private static Client ram(Sdk.Signing signing) {
        return Sdk.ram(emu, AK_A, SECRET_A, signing);
    }

    /** UpdateRole reference: NewMaxSessionDuration "If you do not specify this parameter, the default value is used." */
    @org.junit.jupiter.api.Test
    void updateRoleWithoutNewMaxSessionDurationResetsItToTheDefault() throws Exception {
        var ram = Sdk.ram(emu, Fixtures.AK_A, Fixtures.SECRET_A, Sdk.Signing.ACS3);
        ram.createRole(new com.aliyun.ram20150501.models.CreateRoleRequest().setRoleName("long-sessions")
                .setAssumeRolePolicyDocument(Fixtures.trustFor(Fixtures.ACCOUNT_B)).setMaxSessionDuration(7200L));
        assertThat(ram.updateRole(new UpdateRoleRequest().setRoleName("long-sessions").setNewDescription("d")
                .setNewMaxSessionDuration(7200L)).body.role.maxSessionDuration).isEqualTo(7200L);
        assertThat(ram.updateRole(new UpdateRoleRequest().setRoleName("long-sessions").setNewDescription("e"))
                .body.role.maxSessionDuration).isEqualTo(3600L);
    }

    @ParameterizedTest
    @EnumSource(Sdk.Signing.class)
    void roleLifecycleWithRamShapes(Sdk.Signing signing) throws Exception {
        Client ram = ram(signing);
        String name = "Dts-Role." + signing;
        CreateRoleResponseBody.CreateRoleResponseBodyRole created = ram.createRole(new CreateRoleRequest()
                .setRoleName(name).setAssumeRolePolicyDocument(TRUST_B).setDescription("managed-by test")
                .setMaxSessionDuration(7200L)).body.role;
        assertThat(created.roleName).isEqualTo(name);
        assertThat(created.arn).isEqualTo("acs:ram::" + ACCOUNT_A + ":role/dts-role." + signing.name().toLowerCase());
        assertThat(created.roleId).matches("\\d{18,19}");
        assertThat(created.maxSessionDuration).isEqualTo(7200L);
        assertThat(created.createDate).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        // RAM re-serialises: compact, keys sorted, principals as lists.
        assertThat(created.assumeRolePolicyDocument).isEqualTo("{\"Statement\":[{\"Action\":\"sts:AssumeRole\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"RAM\":[\"acs:ram::2222222222222222:root\"],"
                + "\"Service\":[\"2222222222222222@dts.aliyuncs.com\"]}}],\"Version\":\"1\"}");

        GetRoleResponseBody.GetRoleResponseBodyRole got = ram.getRole(new GetRoleRequest().setRoleName(name.toLowerCase())).body.role;
        assertThat(got.roleId).isEqualTo(created.roleId);
        assertThat(got.description).isEqualTo("managed-by test");
        assertThat(got.updateDate).isEqualTo(got.createDate);

        CLOCK.advance(Duration.ofSeconds(5));
        UpdateRoleResponseBody.UpdateRoleResponseBodyRole updated = ram.updateRole(new UpdateRoleRequest()
                .setRoleName(name).setNewDescription("changed").setNewMaxSessionDuration(3600L)
                .setNewAssumeRolePolicyDocument(Fixtures.trustFor(ACCOUNT_A))).body.role;
        assertThat(updated.description).isEqualTo("changed");
        assertThat(updated.maxSessionDuration).isEqualTo(3600L);
        assertThat(updated.assumeRolePolicyDocument).contains("acs:ram::" + ACCOUNT_A + ":root");
        assertThat(Instant.parse(updated.updateDate)).isAfter(Instant.parse(updated.createDate));

        ram.deleteRole(new DeleteRoleRequest().setRoleName(name));
        Sdk.assertError(() -> ram.getRole(new GetRoleRequest().setRoleName(name)), "EntityNotExist.Role", 404);
    }

    @ParameterizedTest
    @EnumSource(Sdk.Signing.class)
    void listRolesPagesWithMarker(Sdk.Signing signing) throws Exception {
        Client ram = Sdk.ram(emu, Fixtures.AK_B, Fixtures.SECRET_B, signing);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "page-" + signing + "-" + i;
            names.add(name);
            ram.createRole(new CreateRoleRequest().setRoleName(name).setAssumeRolePolicyDocument(Fixtures.trustFor(ACCOUNT_A)));
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ListRolesResponseBody page = ram.listRoles(new ListRolesRequest().setMaxItems(3).setMarker(marker)).body;
            page.roles.role.stream().filter(r -> r.roleName.startsWith("page-" + signing))
                    .forEach(r -> {
                        seen.add(r.roleName);
                        assertThat(r.arn).startsWith("acs:ram::" + Fixtures.ACCOUNT_B + ":role/");
                        assertThat(r.updateDate).isNotNull();
                    });
            marker = page.isTruncated ? page.marker : null;
            assertThat(page.isTruncated ? page.marker : null).isEqualTo(marker);
            pages++;
        } while (marker != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(names);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        for (String name : names) {
            ram.deleteRole(new DeleteRoleRequest().setRoleName(name));
        }
    }
}
