package io.ramgrants.api;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** How to reach one Alibaba Cloud account. Cluster-scoped. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("AlibabaCloudAccount")
@ShortNames("aca")
public class AlibabaCloudAccount extends CustomResource<AlibabaCloudAccountSpec, AlibabaCloudAccountStatus> {}
