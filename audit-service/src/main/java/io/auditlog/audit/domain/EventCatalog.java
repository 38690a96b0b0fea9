package io.auditlog.audit.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The codes an event may carry: every category of the product, its subcategories and its actions. Producers
 * send codes; consoles show labels. Shaped like Keycloak's event types: a closed list, so a typo is rejected at
 * ingest rather than becoming a category nobody filters for.
 */
public final class EventCatalog {

    private static final Map<String, CategoryDefinition> CATEGORIES = new LinkedHashMap<>();

    static {
        category("LOGIN", "Login", codes("LOGIN_SUCCEEDED", "Login succeeded", "LOGIN_FAILED", "Login failed",
                "LOGOUT", "Logout"), codes("LOGIN", "Log in", "LOGOUT", "Log out"));
        category("SECURITY", "Security activity", codes("TWO_FACTOR", "Two-factor authentication", "PASSWORD",
                "Password", "SINGLE_SIGN_ON", "Single sign-on", "API_KEY", "API key", "SESSION", "Session",
                "IP_RESTRICTION", "IP restriction"), crud("ENABLE", "Enable", "DISABLE", "Disable", "RESET", "Reset"));
        category("APPROVAL", "Approvals", codes("REQUESTED", "Requested", "APPROVED", "Approved", "REJECTED",
                "Rejected"), codes("REQUEST", "Request", "APPROVE", "Approve", "REJECT", "Reject", "CANCEL", "Cancel"));
        category("COMMUNICATION_PREFERENCE", "Communication preferences", codes("SUBSCRIBED", "Subscribed",
                "UNSUBSCRIBED", "Unsubscribed"), codes("UPDATE", "Update", "SUBSCRIBE", "Subscribe", "UNSUBSCRIBE",
                "Unsubscribe"));
        category("CONTENT", "Content (file storage)", codes("ITEM", "Item activity", "SHARING", "Sharing"),
                codes("CREATE", "Created", "READ", "Read (downloaded or synced offline)", "UPDATE", "Updated",
                        "PERMANENT_DELETE", "Permanently deleted", "INVITATION_SENT", "Sent an invitation",
                        "INVITATION_ACCEPTED", "Accepted an invitation", "COLLABORATOR_ROLE_CHANGED",
                        "Changed a collaborator's role", "PUBLIC_LINK_CREATED", "Created a public link",
                        "PUBLIC_LINK_REMOVED", "Removed a public link"));
        category("CRM_OBJECT", "CRM objects", codes("CONTACT", "Contacts", "COMPANY", "Companies", "DEAL", "Deals",
                "TICKET", "Tickets", "TASK", "Tasks", "QUOTE", "Quotes", "PRODUCT", "Products", "CAMPAIGN", "Campaigns",
                "LANDING_PAGE", "Landing pages", "BLOG_POST", "Blog posts", "CUSTOM_OBJECT", "Custom objects"),
                crud("RESTORE", "Restore", "MERGE", "Merge", "PURGE", "Purge"));
        category("ASSOCIATION", "Associations", codes("LABEL", "Association labels", "RECORD", "Record associations"),
                crud());
        category("CUSTOMER_AGENT", "Customer agent", List.of(), crud("PUBLISH", "Publish", "UNPUBLISH", "Unpublish"));
        category("PRIVACY", "Privacy requests", codes("DATA_ACCESS", "Data access request", "DATA_DELETION",
                "Data deletion request"), crud("EXPORT", "Export", "PURGE", "Purge"));
        category("LIST", "Lists", List.of(), crud("RESTORE", "Restore", "EXPORT", "Export"));
        category("MEETING", "Meetings", List.of(), crud());
        category("MULTI_ACCOUNT", "Multi-account management", List.of(),
                crud("LINK", "Link account", "UNLINK", "Unlink account"));
        category("PIPELINE", "Pipelines", codes("PIPELINE", "Pipeline", "STAGE", "Stage"), crud());
        category("PROPERTY", "Properties", List.of(), crud("ARCHIVE", "Archive", "RESTORE", "Restore"));
        category("PROPERTY_VALUE", "Property value updates", List.of(), codes("UPDATE", "Update"));
        category("RECORD_CREATION_FORM", "Record-creation forms", List.of(), crud());
        category("INTEGRATION", "Integrations", codes("APP", "Apps", "API_KEY", "API keys", "WEBHOOK", "Webhooks"),
                crud("INSTALL", "Install", "UNINSTALL", "Uninstall", "CONNECT", "Connect", "DISCONNECT",
                        "Disconnect"));
        category("SENSITIVE_DATA", "Sensitive property values", List.of(), crud());
        category("SETTINGS", "Settings", codes("ACCOUNT", "Account settings", "BRANDING", "Branding", "DOMAIN",
                "Domains", "PRIVACY", "Privacy and consent"), crud());
        category("WORKFLOW", "Workflows", List.of(), crud("ENABLE", "Turn on", "DISABLE", "Turn off", "RESTORE",
                "Restore"));
        category("EXPORT", "Exports", codes("RECORDS", "Records", "AUDIT_LOG", "Audit log", "CONTENT_LOG",
                "Content log", "STAFF_ACCESS", "Staff access history"), codes("EXPORT", "Export", "DOWNLOAD",
                "Download"));
        category("REPORT", "Reports", List.of(), crud("EXPORT", "Export", "SHARE", "Share"));
        category("USER_MANAGEMENT", "User and permission management", codes("USER", "Users", "PERMISSION",
                "Permissions", "TEAM", "Teams"), crud("INVITE", "Invite", "DEACTIVATE", "Deactivate",
                "ADMIN_PERMISSION_GRANTED", "Admin permission granted", "ADMIN_PERMISSION_REMOVED",
                "Admin permission removed", "PERMISSION_CHANGED", "Permissions changed"));
        // The log's own reads and the restores asked from it: written by the platform, not by producers.
        category("AUDIT_LOG", "Audit log access", codes("EVENTS", "Log entries", "COMMENTS", "Comments",
                "ANALYTICS", "Analytics", "RESTORE", "Restores"), codes("SEARCHED", "Searched", "VIEWED", "Viewed",
                "EXPORTED", "Exported", "COMMENTED", "Commented", "RESTORE_REQUESTED", "Restore requested",
                "RESTORE_SUCCEEDED", "Restore succeeded", "RESTORE_FAILED", "Restore failed"));
    }

    private EventCatalog() {
    }

    public static List<CategoryDefinition> categories() {
        return List.copyOf(CATEGORIES.values());
    }

    public static Optional<CategoryDefinition> category(String code) {
        return Optional.ofNullable(CATEGORIES.get(code));
    }

    public static List<String> categoryCodes() {
        return List.copyOf(CATEGORIES.keySet());
    }

    /** Every action code of any category, sorted. */
    public static List<String> actionCodes() {
        TreeSet<String> actions = new TreeSet<>();
        CATEGORIES.values().forEach(c -> actions.addAll(c.actionCodes()));
        return List.copyOf(actions);
    }

    /** Every subcategory code of any category, sorted. */
    public static List<String> subcategoryCodes() {
        TreeSet<String> subcategories = new TreeSet<>();
        CATEGORIES.values().forEach(c -> subcategories.addAll(c.subcategoryCodes()));
        return List.copyOf(subcategories);
    }

    private static void category(String code, String label, List<Code> subcategories, List<Code> actions) {
        CATEGORIES.put(code, new CategoryDefinition(code, label, subcategories, actions));
    }

    /** Create, read, update and delete, followed by the category's own actions. */
    private static List<Code> crud(String... more) {
        List<Code> actions = new ArrayList<>(codes("CREATE", "Create", "READ", "Read", "UPDATE", "Update", "DELETE",
                "Delete"));
        actions.addAll(codes(more));
        return actions;
    }

    private static List<Code> codes(String... codeLabelPairs) {
        List<Code> codes = new ArrayList<>();
        for (int i = 0; i < codeLabelPairs.length; i += 2) {
            codes.add(new Code(codeLabelPairs[i], codeLabelPairs[i + 1]));
        }
        return codes;
    }
}
