package io.ramgrants.emulator;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The system policies every account sees. Documents are plausible, not copies of the real
 * ones; the emulator only needs the names, types and that permission checks can read them.
 * {@code AliyunDTSDefaultRole} is a service role, not a policy, so it is not here.
 */
final class SystemPolicyCatalogue {
    record SystemPolicy(String name, String description, String document) {
    }

    static final String CREATE_DATE = "2015-04-28T20:32:56Z";
    static final String UPDATE_DATE = "2023-02-17T07:03:24Z";
    static final String DEFAULT_VERSION = "v1";

    private static final Map<String, SystemPolicy> POLICIES = new TreeMap<>();

    static {
        add("AdministratorAccess", "Provides full access to Alibaba Cloud services and resources.",
                "\"*\"");
        add("ReadOnlyAccess", "Provides read-only access to Alibaba Cloud services and resources.",
                "[\"*:Describe*\",\"*:List*\",\"*:Get*\",\"*:BatchGet*\",\"*:Query*\",\"*:BatchQuery*\"]");
        add("AliyunRAMFullAccess", "Provides full access to Resource Access Management (RAM).",
                "\"ram:*\"");
        add("AliyunRAMReadOnlyAccess", "Provides read-only access to Resource Access Management (RAM).",
                "[\"ram:Get*\",\"ram:List*\",\"ram:Generate*\"]");
        add("AliyunSTSAssumeRoleAccess", "Provides access to call the AssumeRole API of Security Token Service (STS).",
                "\"sts:AssumeRole\"");
        add("AliyunDTSRolePolicy", "The policy used by Data Transmission Service (DTS) roles to access cloud resources.",
                "[\"rds:Describe*\",\"rds:CreateDBInstance\",\"rds:CreateAccount\",\"rds:GrantAccountPrivilege\","
                        + "\"rds:ModifySecurityIps\",\"rds:ModifyDBInstanceSSL\",\"polardb:Describe*\","
                        + "\"polardb:ModifyDBClusterAccessWhitelist\",\"dds:Describe*\",\"dds:ModifySecurityIps\","
                        + "\"kvstore:Describe*\",\"kvstore:ModifySecurityIps\",\"ecs:DescribeInstances\","
                        + "\"ecs:AuthorizeSecurityGroup\",\"ecs:DescribeSecurityGroupAttribute\",\"vpc:DescribeVpcs\","
                        + "\"vpc:DescribeVSwitches\",\"dts:*\"]");
        add("AliyunDTSFullAccess", "Provides full access to Data Transmission Service (DTS).", "\"dts:*\"");
        add("AliyunDTSReadOnlyAccess", "Provides read-only access to Data Transmission Service (DTS).",
                "[\"dts:Describe*\",\"dts:List*\"]");
        add("AliyunDMSLoginConsoleAccess", "Provides access to log on to the Data Management (DMS) console.",
                "[\"dms:LoginDatabase\",\"dms:ListInstances\",\"dms:ListDatabases\",\"dms:GetUserActiveTenant\","
                        + "\"dms:ListUserTenants\"]");
        add("AliyunDMSFullAccess", "Provides full access to Data Management (DMS).", "\"dms:*\"");
        add("AliyunRDSFullAccess", "Provides full access to ApsaraDB RDS.", "\"rds:*\"");
        add("AliyunRDSReadOnlyAccess", "Provides read-only access to ApsaraDB RDS.", "[\"rds:Describe*\",\"rds:List*\"]");
        add("AliyunECSFullAccess", "Provides full access to Elastic Compute Service (ECS).", "\"ecs:*\"");
        add("AliyunVPCReadOnlyAccess", "Provides read-only access to Virtual Private Cloud (VPC).",
                "[\"vpc:Describe*\",\"vpc:Get*\",\"vpc:List*\"]");
    }

    private SystemPolicyCatalogue() {
    }

    private static void add(String name, String description, String actionJson) {
        String document = StoredPolicyDocuments.normalise(
                "{\"Version\":\"1\",\"Statement\":[{\"Action\":" + actionJson + ",\"Resource\":\"*\",\"Effect\":\"Allow\"}]}",
                StoredPolicyDocuments.Kind.PERMISSION);
        POLICIES.put(name, new SystemPolicy(name, description, document));
    }

    static SystemPolicy get(String name) {
        return POLICIES.get(name);
    }

    static Collection<SystemPolicy> all() {
        return POLICIES.values();
    }
}
