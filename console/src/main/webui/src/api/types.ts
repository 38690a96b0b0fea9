/** The services' records as docs/architecture.md and the services' OpenAPI documents describe them. */

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditEvent {
  id: string;
  accountId: string;
  occurredAt: string;
  recordedAt: string;
  category: string;
  subcategory: string | null;
  action: string;
  actor: {
    id: string | null;
    email: string | null;
    name: string | null;
    type: 'USER' | 'STAFF' | 'INTEGRATION' | 'SYSTEM' | string | null;
    department: string | null;
    teams: string[] | null;
  };
  object: { type: string | null; id: string | null; name: string | null; path: string | null; itemType: string | null };
  context: {
    ip: string | null;
    userAgent: string | null;
    loginType: string | null;
    country: string | null;
    region: string | null;
    browser?: string | null;
    os?: string | null;
    device?: string | null;
  };
  details: Record<string, unknown> | null;
  links: { self: string; object: string | null; [name: string]: string | null };
}

export interface CatalogEntry {
  code: string;
  label: string;
}

/** A view every account has; `category` is the one it is limited to, if any (hidden when the plan hides it). */
export interface BuiltInView {
  id: string;
  name: string;
  category: string | null;
}

export interface Catalog {
  categories: (CatalogEntry & { subcategories: CatalogEntry[]; actions: CatalogEntry[] })[];
  /** Bare codes: the console names them in the person's language. */
  actorTypes: string[];
  departments: string[];
  itemTypes: string[];
  builtInViews: BuiltInView[];
}

export interface Account {
  accountId: string;
  plan: 'STARTER' | 'PROFESSIONAL' | 'ENTERPRISE' | string;
  planSource: string;
  visibleCategories: string[];
  eventDetails: boolean;
}
