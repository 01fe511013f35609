package io.ramgrants.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** How to reach one Alibaba Cloud account. Cluster-scoped. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("AlibabaCloudAccount")
@ShortNames("aca")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(name = "ACCOUNT-ID", jsonPath = ".spec.accountId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "READY", jsonPath = PrinterColumns.READY, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "REASON", jsonPath = PrinterColumns.REASON, type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = PrinterColumns.AGE, type = AdditionalPrinterColumn.Type.DATE)
public class AlibabaCloudAccount extends CustomResource<AlibabaCloudAccountSpec, AlibabaCloudAccountStatus> {}
