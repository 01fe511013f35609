package io.ramgrants.api;

/** Database types of seed 004 (DMS cross-account registration). */
public enum DatabaseType {
    RdsMySQL,
    RdsPostgreSQL,
    RdsSQLServer,
    RdsMariaDB,
    PolarDBMySQL,
    PolarDBPostgreSQL,
    PolarDBPostgreSQLOracle,
    Redis,
    PolarDBX1,
    PolarDBX2,
    OceanBase,
    Lindorm,
    Hologres,
    GDB,
    SelectDB,
    ClickHouseEnterprise
}
