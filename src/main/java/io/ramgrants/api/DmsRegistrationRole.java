package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A role in account B that lets account A's DMS register B's databases (seed 004, part 1). */
@JsonClassDescription("The role in account B that account A's DMS assumes to register B's databases (Alibaba Cloud DMS documentation on cross-account registration, steps 1 to 4), with a custom policy holding the actions the listed database types need.")
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("DmsRegistrationRole")
@ShortNames("dmsrole")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "READY", jsonPath = PrinterColumns.READY, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = PrinterColumns.REASON, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ROLE-ARN", jsonPath = PrinterColumns.ROLE_ARNS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = PrinterColumns.AGE, type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "MODE", jsonPath = PrinterColumns.MODE, type = AdditionalPrinterColumn.Type.STRING,
        priority = 1, getDescription = "spec.managementPolicy: Manage (converge RAM) or Observe (report drift only)")
@AdditionalPrinterColumn(name = "PAUSED", jsonPath = PrinterColumns.PAUSED, type = AdditionalPrinterColumn.Type.STRING,
        priority = 1, getDescription = "The ramgrants.io/paused annotation: \"true\" while every RAM write is stopped")
public class DmsRegistrationRole extends CustomResource<DmsRegistrationRoleSpec, GrantStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("The registration: ownerAccountRef (B), dmsAccountId (A), databaseTypes, networkTypes, roleName, policyName.")
    public DmsRegistrationRoleSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The last observation: conditions, the role and its ARN (paste it into DMS), pending RAM writes, the last correction.")
    public GrantStatus getStatus() {
        return super.getStatus();
    }
}
