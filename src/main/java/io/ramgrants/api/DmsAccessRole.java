package io.ramgrants.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@Kind("DmsAccessRole")
@ShortNames("dmsaccess")
public class DmsAccessRole extends CustomResource<DmsAccessRoleSpec, GrantStatus> implements Namespaced {}
