/** Responses recorded from the running services (local platform, demo account), trimmed to what the tests use. */
import type { Account, AuditEvent, Catalog } from '../../api/types';

export const catalog = {
  "categories": [
    {
      "code": "LOGIN",
      "label": "Login",
      "subcategories": [
        {
          "code": "LOGIN_SUCCEEDED",
          "label": "Login succeeded"
        },
        {
          "code": "LOGIN_FAILED",
          "label": "Login failed"
        },
        {
          "code": "LOGOUT",
          "label": "Logout"
        }
      ],
      "actions": [
        {
          "code": "LOGIN",
          "label": "Log in"
        },
        {
          "code": "LOGOUT",
          "label": "Log out"
        }
      ]
    },
    {
      "code": "SECURITY",
      "label": "Security activity",
      "subcategories": [
        {
          "code": "TWO_FACTOR",
          "label": "Two-factor authentication"
        },
        {
          "code": "PASSWORD",
          "label": "Password"
        },
        {
          "code": "SINGLE_SIGN_ON",
          "label": "Single sign-on"
        },
        {
          "code": "API_KEY",
          "label": "API key"
        },
        {
          "code": "SESSION",
          "label": "Session"
        },
        {
          "code": "IP_RESTRICTION",
          "label": "IP restriction"
        }
      ],
      "actions": [
        {
          "code": "CREATE",
          "label": "Create"
        },
        {
          "code": "READ",
          "label": "Read"
        },
        {
          "code": "UPDATE",
          "label": "Update"
        },
        {
          "code": "DELETE",
          "label": "Delete"
        },
        {
          "code": "ENABLE",
          "label": "Enable"
        },
        {
          "code": "DISABLE",
          "label": "Disable"
        },
        {
          "code": "RESET",
          "label": "Reset"
        }
      ]
    },
    {
      "code": "CONTENT",
      "label": "Content (file storage)",
      "subcategories": [
        {
          "code": "ITEM",
          "label": "Item activity"
        },
        {
          "code": "SHARING",
          "label": "Sharing"
        }
      ],
      "actions": [
        {
          "code": "CREATE",
          "label": "Created"
        },
        {
          "code": "READ",
          "label": "Read (downloaded or synced offline)"
        },
        {
          "code": "UPDATE",
          "label": "Updated"
        },
        {
          "code": "PERMANENT_DELETE",
          "label": "Permanently deleted"
        },
        {
          "code": "INVITATION_SENT",
          "label": "Sent an invitation"
        },
        {
          "code": "INVITATION_ACCEPTED",
          "label": "Accepted an invitation"
        },
        {
          "code": "COLLABORATOR_ROLE_CHANGED",
          "label": "Changed a collaborator's role"
        },
        {
          "code": "PUBLIC_LINK_CREATED",
          "label": "Created a public link"
        },
        {
          "code": "PUBLIC_LINK_REMOVED",
          "label": "Removed a public link"
        }
      ]
    },
    {
      "code": "CRM_OBJECT",
      "label": "CRM objects",
      "subcategories": [
        {
          "code": "CONTACT",
          "label": "Contacts"
        },
        {
          "code": "COMPANY",
          "label": "Companies"
        },
        {
          "code": "DEAL",
          "label": "Deals"
        },
        {
          "code": "TICKET",
          "label": "Tickets"
        },
        {
          "code": "TASK",
          "label": "Tasks"
        },
        {
          "code": "QUOTE",
          "label": "Quotes"
        },
        {
          "code": "PRODUCT",
          "label": "Products"
        },
        {
          "code": "CAMPAIGN",
          "label": "Campaigns"
        },
        {
          "code": "LANDING_PAGE",
          "label": "Landing pages"
        },
        {
          "code": "BLOG_POST",
          "label": "Blog posts"
        },
        {
          "code": "CUSTOM_OBJECT",
          "label": "Custom objects"
        }
      ],
      "actions": [
        {
          "code": "CREATE",
          "label": "Create"
        },
        {
          "code": "READ",
          "label": "Read"
        },
        {
          "code": "UPDATE",
          "label": "Update"
        },
        {
          "code": "DELETE",
          "label": "Delete"
        },
        {
          "code": "RESTORE",
          "label": "Restore"
        },
        {
          "code": "MERGE",
          "label": "Merge"
        },
        {
          "code": "PURGE",
          "label": "Purge"
        }
      ]
    },
    {
      "code": "EXPORT",
      "label": "Exports",
      "subcategories": [
        {
          "code": "RECORDS",
          "label": "Records"
        },
        {
          "code": "AUDIT_LOG",
          "label": "Audit log"
        },
        {
          "code": "CONTENT_LOG",
          "label": "Content log"
        },
        {
          "code": "STAFF_ACCESS",
          "label": "Staff access history"
        }
      ],
      "actions": [
        {
          "code": "EXPORT",
          "label": "Export"
        },
        {
          "code": "DOWNLOAD",
          "label": "Download"
        }
      ]
    }
  ],
  "actorTypes": [
    "USER",
    "STAFF",
    "INTEGRATION",
    "SYSTEM"
  ],
  "departments": [
    "ENGINEERING",
    "ACCOUNT_MANAGEMENT",
    "SERVICES",
    "CUSTOMER_SUPPORT",
    "SALES",
    "PRODUCT_UX"
  ],
  "itemTypes": [
    "FOLDER",
    "FILE",
    "LIBRARY"
  ],
  "builtInViews": [
    {
      "id": "all-logs",
      "name": "All logs",
      "category": null
    },
    {
      "id": "login-history",
      "name": "Login history",
      "category": "LOGIN"
    },
    {
      "id": "security-activity",
      "name": "Security activity",
      "category": "SECURITY"
    }
  ]
} as unknown as Catalog;

export const account: Account = {
  "accountId": "demo",
  "plan": "ENTERPRISE",
  "planSource": "DEFAULT",
  "visibleCategories": [
    "LOGIN",
    "SECURITY",
    "APPROVAL",
    "COMMUNICATION_PREFERENCE",
    "CONTENT",
    "CRM_OBJECT",
    "ASSOCIATION",
    "CUSTOMER_AGENT",
    "PRIVACY",
    "LIST",
    "MEETING",
    "MULTI_ACCOUNT",
    "PIPELINE",
    "PROPERTY",
    "PROPERTY_VALUE",
    "RECORD_CREATION_FORM",
    "INTEGRATION",
    "SENSITIVE_DATA",
    "SETTINGS",
    "WORKFLOW",
    "EXPORT",
    "REPORT",
    "USER_MANAGEMENT"
  ],
  "eventDetails": true
};

export const loginEvent: AuditEvent = {
  "id": "demo-179",
  "accountId": "demo",
  "occurredAt": "2026-11-30T05:51:12Z",
  "recordedAt": "2026-11-30T06:29:36.184656Z",
  "category": "LOGIN",
  "subcategory": "LOGIN_SUCCEEDED",
  "action": "LOGIN",
  "actor": {
    "id": "u-ann",
    "email": "ann@demo.example",
    "name": "Ann Lee",
    "type": "USER",
    "department": null,
    "teams": [
      "sales"
    ]
  },
  "object": {
    "type": null,
    "id": null,
    "name": null,
    "path": null,
    "itemType": null
  },
  "context": {
    "ip": "198.51.100.140",
    "userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "loginType": "SSO",
    "country": "DE",
    "region": "Berlin",
    "browser": "Chrome 120",
    "os": "Windows",
    "device": "Desktop"
  },
  "details": null,
  "links": {
    "self": "/api/v1/events/demo-179",
    "object": null
  }
};

export const crmEvent: AuditEvent = {
  "id": "demo-423",
  "accountId": "demo",
  "occurredAt": "2026-11-30T01:17:28Z",
  "recordedAt": "2026-11-30T06:29:36.184656Z",
  "category": "CRM_OBJECT",
  "subcategory": "COMPANY",
  "action": "CREATE",
  "actor": {
    "id": "u-cy",
    "email": "cy@demo.example",
    "name": "Cy Ng",
    "type": "USER",
    "department": null,
    "teams": [
      "marketing"
    ]
  },
  "object": {
    "type": "COMPANY",
    "id": "company-110",
    "name": "Company 110",
    "path": null,
    "itemType": null
  },
  "context": {
    "ip": null,
    "userAgent": null,
    "loginType": null,
    "country": null,
    "region": null,
    "browser": null,
    "os": null,
    "device": null
  },
  "details": {
    "after": {},
    "before": {
      "lifecycle": "lead"
    }
  },
  "links": {
    "self": "/api/v1/events/demo-423",
    "object": "/app/objects/COMPANY/company-110"
  }
};

export const contentEvent: AuditEvent = {
  "id": "demo-413",
  "accountId": "demo",
  "occurredAt": "2026-11-30T03:07:56Z",
  "recordedAt": "2026-11-30T06:29:36.184656Z",
  "category": "CONTENT",
  "subcategory": "SHARING",
  "action": "PUBLIC_LINK_CREATED",
  "actor": {
    "id": "u-eli",
    "email": "eli@demo.example",
    "name": "Eli Moss",
    "type": "USER",
    "department": null,
    "teams": [
      "finance"
    ]
  },
  "object": {
    "type": "FILE",
    "id": "f-26",
    "name": "Plan 26.pdf",
    "path": "/Shared/Plans/Plan 26.pdf",
    "itemType": "FILE"
  },
  "context": {
    "ip": null,
    "userAgent": null,
    "loginType": null,
    "country": null,
    "region": null,
    "browser": null,
    "os": null,
    "device": null
  },
  "details": {
    "sharedLink": "https://files.demo.example/s/26",
    "passwordProtected": false
  },
  "links": {
    "self": "/api/v1/events/demo-413",
    "object": "/app/objects/FILE/f-26"
  }
};

export const staffEvent: AuditEvent = {
  "id": "demo-147",
  "accountId": "demo",
  "occurredAt": "2026-11-28T06:20:37Z",
  "recordedAt": "2026-11-30T06:29:36.184656Z",
  "category": "LOGIN",
  "subcategory": "LOGIN_SUCCEEDED",
  "action": "LOGIN",
  "actor": {
    "id": "staff-1",
    "email": "helper@vendor.example",
    "name": "Vendor Staff",
    "type": "STAFF",
    "department": "CUSTOMER_SUPPORT",
    "teams": null
  },
  "object": {
    "type": null,
    "id": null,
    "name": null,
    "path": null,
    "itemType": null
  },
  "context": {
    "ip": "203.0.113.90",
    "userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "loginType": "PASSWORD",
    "country": "US",
    "region": "California",
    "browser": "Chrome 120",
    "os": "Windows",
    "device": "Desktop"
  },
  "details": null,
  "links": {
    "self": "/api/v1/events/demo-147",
    "object": null
  }
};

/** An event that names no actor at all (a producer's system job): every actor field null. */
export const anonymousEvent: AuditEvent = {
  ...loginEvent,
  id: 'demo-anonymous',
  actor: { id: null, email: null, name: null, type: null, department: null, teams: null },
};

export const exportEvent: AuditEvent = {
  "id": "export-e5d485e6-dc3b-43da-a222-08c3fef6d61f",
  "accountId": "demo",
  "occurredAt": "2026-11-30T06:36:06.338633Z",
  "recordedAt": "2026-11-30T06:36:06.355703Z",
  "category": "EXPORT",
  "subcategory": "AUDIT_LOG",
  "action": "EXPORT",
  "actor": {
    "id": "e27577b6-1bdb-4ae3-8fdd-5319d72774d8",
    "email": "admin@demo.example",
    "name": null,
    "type": "USER",
    "department": null,
    "teams": null
  },
  "object": {
    "type": "EXPORT_JOB",
    "id": "e5d485e6-dc3b-43da-a222-08c3fef6d61f",
    "name": "audit-log 2026-11-20T00:00:00Z to 2026-11-30T06:36:06.338633820Z",
    "path": null,
    "itemType": null
  },
  "context": {
    "ip": null,
    "userAgent": null,
    "loginType": null,
    "country": null,
    "region": null,
    "browser": null,
    "os": null,
    "device": null
  },
  "details": {
    "to": "2026-11-30T06:36:06.338633820Z",
    "from": "2026-11-20T00:00:00Z",
    "type": "audit-log",
    "jobId": "e5d485e6-dc3b-43da-a222-08c3fef6d61f",
    "format": "csv",
    "download": "/api/v1/exports/e5d485e6-dc3b-43da-a222-08c3fef6d61f",
    "timeZone": "Europe/Copenhagen"
  },
  "links": {
    "self": "/api/v1/events/export-e5d485e6-dc3b-43da-a222-08c3fef6d61f",
    "object": "/app/objects/EXPORT_JOB/e5d485e6-dc3b-43da-a222-08c3fef6d61f"
  }
};

/** POST /api/v1/exports answered 202 (then COMPLETED as GET shows it). */
export const exportJob = {
  "id": "e5d485e6-dc3b-43da-a222-08c3fef6d61f",
  "type": "audit-log",
  "format": "csv",
  "status": "COMPLETED",
  "from": "2026-11-20T00:00:00Z",
  "to": "2026-11-30T06:36:06.338633Z",
  "timeZone": "Europe/Copenhagen",
  "filters": {
    "actor": [
      "u-ann"
    ],
    "category": [
      "LOGIN"
    ]
  },
  "rowsWritten": 11,
  "filesWritten": 1,
  "files": [
    {
      "number": 1,
      "name": "audit-log-e5d485e6-dc3b-43da-a222-08c3fef6d61f-1.csv",
      "rows": 11,
      "bytes": 3041,
      "url": "/api/v1/exports/e5d485e6-dc3b-43da-a222-08c3fef6d61f/files/1"
    }
  ],
  "failure": null,
  "createdAt": "2026-11-30T06:36:06.362665Z",
  "startedAt": "2026-11-30T06:36:06.382017Z",
  "completedAt": "2026-11-30T06:36:06.413650Z",
  "expiresAt": "2026-12-07T06:36:06.413650Z"
};
