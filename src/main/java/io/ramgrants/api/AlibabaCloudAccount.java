package io.ramgrants.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** How to reach one Alibaba Cloud account. Cluster-scoped. */
@JsonClassDescription("One Alibaba Cloud account the operator may act in: its UID, how to obtain credentials for it, and which namespaces and trusted accounts its grants may use. Cluster-scoped; grants refer to it by name (accountRef) or by UID (accountId).")
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("AlibabaCloudAccount")
@ShortNames("aca")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "ACCOUNT-ID", jsonPath = ".spec.accountId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "READY", jsonPath = PrinterColumns.READY, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = PrinterColumns.REASON, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = PrinterColumns.AGE, type = AdditionalPrinterColumn.Type.DATE)
public class AlibabaCloudAccount extends CustomResource<AlibabaCloudAccountSpec, AlibabaCloudAccountStatus> {
    @Override
    @JsonPropertyDescription("The account: accountId, credentials (exactly one of secretRef, assumeRole, oidc, default), endpoint, infrastructure, allowedNamespaces, trustableAccounts.")
    public AlibabaCloudAccountSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Whether the credentials were verified (STS GetCallerIdentity), and as which identity.")
    public AlibabaCloudAccountStatus getStatus() {
        return super.getStatus();
    }
}
