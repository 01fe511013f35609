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

/** A role in account B that account A's RAM users switch into to use B's DMS (seed 004, part 2). */
@JsonClassDescription("The role in account B that account A's RAM users switch into to use B's DMS console (Alibaba Cloud DMS documentation on cross-account access by role switching), with AliyunDMSLoginConsoleAccess attached.")
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("DmsAccessRole")
@ShortNames("dmsaccess")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "READY", jsonPath = PrinterColumns.READY, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = PrinterColumns.REASON, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ROLE-ARN", jsonPath = PrinterColumns.ROLE_ARNS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = PrinterColumns.AGE, type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "MODE", jsonPath = PrinterColumns.MODE, type = AdditionalPrinterColumn.Type.STRING,
        priority = 1, getDescription = "spec.managementPolicy: Manage (converge RAM) or Observe (report drift only)")
@AdditionalPrinterColumn(name = "PAUSED", jsonPath = PrinterColumns.PAUSED, type = AdditionalPrinterColumn.Type.STRING,
        priority = 1, getDescription = "The ramgrants.io/paused annotation: \"true\" while every RAM write is stopped")
public class DmsAccessRole extends CustomResource<DmsAccessRoleSpec, GrantStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("The access: ownerAccountRef (B), accessorAccountId (A), roleName.")
    public DmsAccessRoleSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The last observation: conditions, the role and its ARN, pending RAM writes, the last correction.")
    public GrantStatus getStatus() {
        return super.getStatus();
    }
}
