package io.ramgrants.api;

/** Instance types seed 000 lists as supported DTS cross-account sources. */
public enum DtsEngine {
    RdsMySQL,
    RdsMariaDB,
    RdsPostgreSQL,
    PolarDBX1,
    PolarDBPostgreSQLOracle,
    PolarDBMySQL,
    Redis,
    MongoDB,
    SelfManagedMySQL,
    SelfManagedPostgreSQL,
    SelfManagedRedis,
    SelfManagedMongoDB,
    SelfManagedOracle,
    SelfManagedSQLServer,
    SelfManagedDb2
}
