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

/** The RAM roles a cross-account DTS task needs in the instance owners' accounts (seed 000). */
@JsonClassDescription("The RAM role a DTS task in the task account assumes to reach instances owned by other accounts (Alibaba Cloud documentation \"Configure RAM authorization for cross-account DTS tasks\"): a role trusting the task account and dts.aliyuncs.com with AliyunDTSRolePolicy, in every instance account that is not the task account.")
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("CrossAccountDtsGrant")
@ShortNames("dtsgrant")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "READY", jsonPath = PrinterColumns.READY, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = PrinterColumns.REASON, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ROLE-ARNS", jsonPath = PrinterColumns.ROLE_ARNS, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = PrinterColumns.AGE, type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "MODE", jsonPath = PrinterColumns.MODE, type = AdditionalPrinterColumn.Type.STRING,
        priority = 1, getDescription = "spec.managementPolicy: Manage (converge RAM) or Observe (report drift only)")
@AdditionalPrinterColumn(name = "PAUSED", jsonPath = PrinterColumns.PAUSED, type = AdditionalPrinterColumn.Type.STRING,
        priority = 1, getDescription = "The ramgrants.io/paused annotation: \"true\" while every RAM write is stopped")
public class CrossAccountDtsGrant extends CustomResource<CrossAccountDtsGrantSpec, GrantStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription("The DTS task: taskAccountId, the source and destination instances (owner account and engine), twoWay, roleName.")
    public CrossAccountDtsGrantSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("The last observation: conditions, the roles in each account and their ARNs, pending RAM writes, the last correction.")
    public GrantStatus getStatus() {
        return super.getStatus();
    }
}
