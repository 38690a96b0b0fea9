import type { SavedView } from './views';

/** `GET /api/v1/views` as the audit-service answers it (recorded from a running service). */
export const builtInViews: SavedView[] = [
  ['all-logs', 'All logs', {}],
  ['login-history', 'Login history', { category: ['LOGIN'] }],
  ['security-activity', 'Security activity', { category: ['SECURITY'] }],
].map(([id, name, filters]): SavedView => ({
  id: id as string,
  name: name as string,
  builtIn: true,
  owner: null,
  own: false,
  shared: true,
  filters: filters as SavedView['filters'],
  columns: ['time', 'user', 'category', 'activity', 'object', 'where'],
  sort: 'newest',
  lastUsedAt: null,
  createdAt: null,
  updatedAt: null,
  version: null,
}));

export const ownView: SavedView = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  name: 'Failed logins',
  builtIn: false,
  owner: { id: 'f3b7c2a1-demo-admin', name: 'Demo Admin' },
  own: true,
  shared: false,
  filters: { category: ['LOGIN'], subcategory: ['LOGIN_FAILED'] },
  columns: ['time', 'user', 'where'],
  sort: 'oldest',
  lastUsedAt: '2026-11-29T10:15:00.123456Z',
  createdAt: '2026-11-28T09:00:00.000001Z',
  updatedAt: '2026-11-28T09:00:00.000001Z',
  version: 3,
};

export const sharedView: SavedView = {
  id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  name: 'Deleted contacts',
  builtIn: false,
  owner: { id: 'a9d8-other-admin', name: 'Eli Moss' },
  own: false,
  shared: true,
  filters: { category: ['CRM_OBJECT'], action: ['DELETE'] },
  columns: ['time', 'user', 'category', 'activity', 'object', 'where'],
  sort: 'newest',
  lastUsedAt: null,
  createdAt: '2026-11-27T08:00:00Z',
  updatedAt: '2026-11-27T08:00:00Z',
  version: 0,
};
