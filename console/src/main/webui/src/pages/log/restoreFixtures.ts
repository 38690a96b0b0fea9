/**
 * Answers of the restore API and log-access entries as the contract gives them (docs/architecture.md, the audit
 * service's "Restore" and "Log access"; the console brief of issue #15): the audit-service's restore backend had not
 * landed when these were written, so they follow the contract's shapes field by field rather than a recording.
 */
import type { AuditEvent } from '../../api/types';
import { crmEvent } from './fixtures';
import type { RestoreRecord, RestoreStatus } from './restore';

export const deleteEvent: AuditEvent = {
  ...crmEvent,
  id: 'demo-777',
  occurredAt: '2026-11-29T10:00:00Z',
  recordedAt: '2026-11-29T10:00:01Z',
  action: 'DELETE',
  object: { type: 'COMPANY', id: 'company-42', name: 'Company 42', path: null, itemType: null },
  details: { before: { name: 'Company 42', lifecycle: 'customer' }, after: {} },
  links: { self: '/api/v1/events/demo-777', object: '/app/objects/COMPANY/company-42' },
};

export const eligible: RestoreStatus = { eligible: true, reason: null, restorableUntil: '2027-02-27T10:00:00Z', restores: [] };

export const pendingRestore: RestoreRecord = {
  id: 'b9f6c0de-0000-4000-8000-000000000001',
  state: 'PENDING',
  requestedAt: '2026-11-30T09:00:00Z',
  requestedBy: { id: 'e27577b6-1bdb-4ae3-8fdd-5319d72774d8', name: 'Demo Admin' },
  attempts: 1,
  lastAttemptAt: '2026-11-30T09:00:01Z',
  nextAttemptAt: '2026-11-30T09:00:05Z',
  completedAt: null,
  lastError: 'HTTP 500 from the restore endpoint',
  requestEventId: 'restore-request-1',
  outcomeEventId: null,
};

export const succeededRestore: RestoreRecord = {
  ...pendingRestore,
  state: 'SUCCEEDED',
  attempts: 2,
  lastAttemptAt: '2026-11-30T09:00:05Z',
  nextAttemptAt: null,
  completedAt: '2026-11-30T09:00:05Z',
  lastError: null,
  outcomeEventId: 'restore-outcome-1',
};

export const failedRestore: RestoreRecord = {
  ...pendingRestore,
  id: 'b9f6c0de-0000-4000-8000-000000000000',
  state: 'FAILED',
  requestedAt: '2026-11-28T09:00:00Z',
  attempts: 8,
  nextAttemptAt: null,
  completedAt: '2026-11-28T21:00:00Z',
  lastError: 'HTTP 404 from the restore endpoint: no such company',
  requestEventId: 'restore-request-0',
  outcomeEventId: 'restore-outcome-0',
};

const accessEvent = (action: string, details: Record<string, unknown>, object: Partial<AuditEvent['object']> = {}): AuditEvent => ({
  ...crmEvent,
  id: `access-${action.toLowerCase()}`,
  category: 'AUDIT_LOG',
  subcategory: action.startsWith('RESTORE_') ? 'RESTORE' : 'EVENTS',
  action,
  actor: { id: 'e27577b6-1bdb-4ae3-8fdd-5319d72774d8', email: 'admin@demo.example', name: 'Demo Admin', type: 'USER', department: null, teams: null },
  object: { type: null, id: null, name: null, path: null, itemType: null, ...object },
  details,
  links: { self: `/api/v1/events/access-${action.toLowerCase()}`, object: null },
});

export const searchedEvent = accessEvent('SEARCHED', {
  filters: { category: ['LOGIN'], actor: 'u-ann', from: '2026-11-01T00:00:00Z', cursor: 'abc', limit: '50' },
  pages: 3,
});
export const viewedEvent = accessEvent('VIEWED', { eventId: 'demo-423', category: 'CRM_OBJECT', action: 'CREATE' }, { type: 'AUDIT_EVENT', id: 'demo-423' });
export const analyticsViewedEvent: AuditEvent = {
  ...accessEvent('VIEWED', { section: 'top-actors', filters: { from: '2026-11-01T00:00:00Z', category: ['LOGIN'] } }, { type: 'ANALYTICS_SECTION', id: 'top-actors' }),
  subcategory: 'ANALYTICS',
};
export const restoreRequestedEvent = accessEvent('RESTORE_REQUESTED', { deletionEventId: 'demo-777', restoreId: pendingRestore.id }, { type: 'COMPANY', id: 'company-42', name: 'Company 42' });
