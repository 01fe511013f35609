package io.ramgrants.desired;

import io.ramgrants.api.DatabaseType;
import io.ramgrants.api.NetworkType;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Seed 004 part 1: the actions DMS needs in the owner account to register each database
 * type (strings exactly as the seed prints them). RDS and PolarDB MySQL/PostgreSQL types
 * need none; VPC and Express Connect access add {@value #DESCRIBE_VPCS} to a policy that is needed anyway.
 */
public final class DmsPolicyActions {
    public static final String DESCRIBE_VPCS = "vpc:DescribeVpcs";

    private static final Map<DatabaseType, List<String>> BY_TYPE = new EnumMap<>(Map.of(
            DatabaseType.Redis, List.of(
                    "kvstore:DescribeSecurityIps", "kvstore:ModifySecurityIps", "kvstore:DescribeRegions",
                    "kvstore:DescribeInstances", "kvstore:DescribeInstanceAttribute", "kvstore:DescribeInstanceConfig"),
            DatabaseType.PolarDBX1, List.of(
                    "drds:DescribeDrdsInstances", "drds:QueryInstanceInfoByConn", "drds:DescribeDrdsInstanceList",
                    "drds:DescribeDrdsDBIpWhiteList", "drds:ModifyDrdsIpWhiteList", "drds:DescribeDrdsInstanceVersion"),
            DatabaseType.PolarDBX2, List.of(
                    "polardbx:DescribeDBInstances", "polardbx:DescribeSecurityIps", "polardbx:ModifySecurityIps",
                    "polardbx:DescribeDBInstanceAttribute", "polardbx:DescribeDBInstanceViaEndpoint"),
            DatabaseType.OceanBase, List.of(
                    "oceanbase:DescribeAllTenantsConnectionInfo", "oceanbase:DescribeInstances"),
            DatabaseType.Lindorm, List.of(
                    "lindorm:GetLindormInstanceList", "lindorm:GetLindormInstance", "lindorm:GetLindormInstanceListForDMS",
                    "lindorm:GetLindormInstanceForDMS", "lindorm:GetLindormInstanceForDMSByConnStr",
                    "lindorm:GetInstanceIpWhiteList", "lindorm:UpdateInstanceIpWhiteList"),
            DatabaseType.Hologres, List.of(
                    "hologram:GetInstance", "hologram:ListInstances"),
            DatabaseType.GDB, List.of(
                    "gdb:DescribeDbInstances"),
            DatabaseType.SelectDB, List.of(
                    "selectdb:DescribeDBInstances", "selectdb:DescribeDBInstanceAttribute",
                    "selectdb:DescribeDBInstanceNetInfo", "selectdb:DescribeSecurityIPList",
                    "selectdb:ModifySecurityIPList"),
            DatabaseType.ClickHouseEnterprise, List.of(
                    "clickhouse:DescribeDBClusters", "clickhouse:DescribeDBInstances",
                    "clickhouse:DescribeDBInstanceAttribute", "clickhouse:DescribeEndpoints",
                    "clickhouse:DescribeSecurityIPList", "clickhouse:ModifySecurityIPList")));

    private DmsPolicyActions() {}

    /** Actions one database type needs; empty for the types DMS registers without a policy. */
    public static List<String> forType(DatabaseType type) {
        return BY_TYPE.getOrDefault(type, List.of());
    }

    public static boolean needsVpcAccess(Collection<NetworkType> networkTypes) {
        return networkTypes.contains(NetworkType.VPC) || networkTypes.contains(NetworkType.ExpressConnect);
    }

    /** The union for a registration, sorted; empty when no custom policy is needed. */
    public static List<String> union(Collection<DatabaseType> databaseTypes, Collection<NetworkType> networkTypes) {
        TreeSet<String> actions = new TreeSet<>();
        databaseTypes.forEach(type -> actions.addAll(forType(type)));
        // The seed skips the policy (steps 3 and 4) for RDS and PolarDB MySQL/PostgreSQL, whatever the
        // network types: vpc:DescribeVpcs only joins a policy some listed database type needs.
        if (!actions.isEmpty() && needsVpcAccess(networkTypes)) {
            actions.add(DESCRIBE_VPCS);
        }
        return List.copyOf(actions);
    }
}
