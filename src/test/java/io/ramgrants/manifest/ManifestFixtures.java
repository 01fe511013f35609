package io.ramgrants.manifest;

/** YAML documents the manifest tests read: two accounts, and a DTS grant from one to the other. */
final class ManifestFixtures {
    static final String ORDERS_ACCOUNT = """
            apiVersion: ramgrants.io/v1alpha1
            kind: AlibabaCloudAccount
            metadata: {name: orders}
            spec: {accountId: "2222222222222222", credentials: {default: true}}
            """;
    static final String TASK_ACCOUNT = """
            apiVersion: ramgrants.io/v1alpha1
            kind: AlibabaCloudAccount
            metadata: {name: task}
            spec: {accountId: "1111111111111111", credentials: {default: true}}
            """;
    /** Names no namespace, so it lands in {@code default}. */
    static final String GRANT = """
            apiVersion: ramgrants.io/v1alpha1
            kind: CrossAccountDtsGrant
            metadata: {name: sync}
            spec:
              taskAccountId: "1111111111111111"
              source: {accountRef: {name: orders}, engine: PolarDBMySQL}
              destination: {accountId: "1111111111111111", engine: RdsMySQL}
            """;
    static final String GRANT_IN_TEAM_A = GRANT.replace("metadata: {name: sync}", "metadata: {name: sync, namespace: team-a}");

    private ManifestFixtures() {
    }
}
