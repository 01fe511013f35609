package io.ramgrants.emulator;

import java.util.regex.Pattern;

/** RAM's parameter limits, with its error codes. */
final class RamValidation {
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9.\\-]+");
    private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z0-9\\-]+");
    static final int MAX_ROLE_NAME = 64;
    static final int MAX_POLICY_NAME = 128;
    static final int MAX_DESCRIPTION = 1024;
    static final long MIN_SESSION = 3600;
    static final long MAX_SESSION = 43200;

    private RamValidation() {
    }

    static String roleName(RpcRequest request) {
        String name = request.required("RoleName");
        if (name.length() > MAX_ROLE_NAME) {
            throw RamError.badRequest("InvalidParameter.RoleName.Length",
                    "The parameter \"RoleName\" is beyond the length limit " + MAX_ROLE_NAME + ".");
        }
        if (!ROLE_NAME.matcher(name).matches()) {
            throw RamError.badRequest("InvalidParameter.RoleName.InvalidChars",
                    "The parameter \"RoleName\" contains invalid chars.");
        }
        return name;
    }

    static String policyName(RpcRequest request) {
        String name = request.required("PolicyName");
        if (name.length() > MAX_POLICY_NAME) {
            throw RamError.badRequest("InvalidParameter.PolicyName.Length",
                    "The parameter \"PolicyName\" is beyond the length limit " + MAX_POLICY_NAME + ".");
        }
        if (!POLICY_NAME.matcher(name).matches()) {
            throw RamError.badRequest("InvalidParameter.PolicyName.InvalidChars",
                    "The parameter \"PolicyName\" contains invalid chars.");
        }
        return name;
    }

    static String description(RpcRequest request, String parameter) {
        String description = request.param(parameter);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw RamError.badRequest("InvalidParameter.Description.Length",
                    "The parameter \"" + parameter + "\" is beyond the length limit " + MAX_DESCRIPTION + ".");
        }
        return description;
    }

    /** The session duration, or null when absent. */
    static Long maxSessionDuration(RpcRequest request, String parameter) {
        Long value = longParam(request, parameter);
        if (value != null && (value < MIN_SESSION || value > MAX_SESSION)) {
            throw RamError.badRequest("InvalidParameter.MaxSessionDuration",
                    "The parameter \"" + parameter + "\" must be between " + MIN_SESSION + " and " + MAX_SESSION + ".");
        }
        return value;
    }

    static Long longParam(RpcRequest request, String parameter) {
        String raw = request.param(parameter);
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw RamError.badRequest("InvalidParameter." + parameter, "The parameter \"" + parameter + "\" is invalid.");
        }
    }

    static Boolean booleanParam(RpcRequest request, String parameter) {
        String raw = request.param(parameter);
        if (raw == null) {
            return null;
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        throw RamError.badRequest("InvalidParameter." + parameter, "The parameter \"" + parameter + "\" must be true or false.");
    }

    /** Page size for ListRoles / ListPolicies: 1 to 1000, default 100. */
    static int maxItems(RpcRequest request) {
        Long value = longParam(request, "MaxItems");
        if (value == null) {
            return 100;
        }
        if (value < 1 || value > 1000) {
            throw RamError.badRequest("InvalidParameter.MaxItems", "The parameter \"MaxItems\" must be between 1 and 1000.");
        }
        return value.intValue();
    }

    static String policyType(RpcRequest request) {
        String type = request.required("PolicyType");
        if (!type.equals(PolicyRef.SYSTEM) && !type.equals(PolicyRef.CUSTOM)) {
            throw RamError.badRequest("InvalidParameter.PolicyType",
                    "The parameter \"PolicyType\" must be \"System\" or \"Custom\".");
        }
        return type;
    }
}
