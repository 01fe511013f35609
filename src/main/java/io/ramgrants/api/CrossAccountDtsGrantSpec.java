package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = CrossAccountDtsGrantSpec.DESTINATION_IS_RDS_MYSQL, fieldPath = ".destination.engine",
        message = "destination engine must be RdsMySQL: DTS supports only ApsaraDB RDS for MySQL as a cross-account destination")
@ValidationRule(value = CrossAccountDtsGrantSpec.TWO_WAY_NEEDS_RDS_MYSQL, fieldPath = ".twoWay",
        message = "twoWay needs RdsMySQL as both source and destination engine; set twoWay: false or change the engines")
public class CrossAccountDtsGrantSpec extends GrantSpec {
    public static final String DEFAULT_ROLE_NAME = "ram-for-dts";
    static final String DESTINATION_IS_RDS_MYSQL = "!has(self.destination) || !has(self.destination.engine)"
            + " || self.destination.engine == 'RdsMySQL'";
    static final String TWO_WAY_NEEDS_RDS_MYSQL = "!has(self.twoWay) || !self.twoWay"
            + " || (has(self.source) && has(self.source.engine) && self.source.engine == 'RdsMySQL'"
            + " && has(self.destination) && has(self.destination.engine) && self.destination.engine == 'RdsMySQL')";

    /** The account that creates the DTS task (account B in seed 000). */
    @Required
    @Pattern(FieldPatterns.ACCOUNT_ID)
    @JsonPropertyDescription("UID of the account that creates the DTS task; the roles trust it.")
    public String taskAccountId;
    @Required
    @JsonPropertyDescription("The source instance: who owns it and its engine.")
    public DtsEndpoint source;
    @Required
    @JsonPropertyDescription("The destination instance: who owns it and its engine (RdsMySQL only).")
    public DtsEndpoint destination;
    @Default("false")
    @JsonPropertyDescription("Two-way synchronisation; only between RdsMySQL instances.")
    public boolean twoWay;
    @Default(DEFAULT_ROLE_NAME)
    @Pattern(FieldPatterns.ROLE_NAME)
    @JsonPropertyDescription("Name of the role created in each instance-owner account that is not the task account.")
    public String roleName = DEFAULT_ROLE_NAME;
}
