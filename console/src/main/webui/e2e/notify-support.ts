import { expect } from 'vitest';
import { baseUrl, ingest, platformToken } from './harness';

/** Helpers of the notification browser tests: demo-admin's settings and notifications through the API, GreenMail. */

export interface Settings {
  email: string | null;
  alerts: { multipleExports: boolean; adminPermissionRemoved: boolean };
  mail: { exportReady: boolean; mentions: boolean };
  multipleExportsThreshold: number;
}

export interface Notification {
  id: string;
  kind: string;
  eventId: string | null;
  read: boolean;
  link: string | null;
}

// `./platform token audit-admin` is demo-admin's token: the same person the browser tests sign in as.
function adminHeaders(): Record<string, string> {
  return { Authorization: `Bearer ${platformToken('audit-admin')}`, 'Content-Type': 'application/json' };
}

export async function readSettings(): Promise<Settings> {
  const response = await fetch(`${baseUrl}/api/v1/notification-settings`, { headers: adminHeaders() });
  expect(response.status).toBe(200);
  return (await response.json()) as Settings;
}

export async function writeSettings(settings: Settings): Promise<void> {
  const { alerts, mail, multipleExportsThreshold } = settings;
  const response = await fetch(`${baseUrl}/api/v1/notification-settings`, {
    method: 'PUT',
    headers: adminHeaders(),
    body: JSON.stringify({ alerts, mail, multipleExportsThreshold }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

export const suffix = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** An "admin permission removed" event of account demo, now, about a user named after the test's suffix. */
export async function ingestAdminPermissionRemoved(id: string, userName: string): Promise<void> {
  await ingest([
    {
      id,
      occurredAt: new Date().toISOString(),
      category: 'USER_MANAGEMENT',
      subcategory: 'PERMISSION',
      action: 'ADMIN_PERMISSION_REMOVED',
      actor: { id: 'u-ns-e2e', email: 'nina.sand@demo.example', name: 'Nina Sand', type: 'USER' },
      object: { type: 'USER', id: `u-${id}`, name: userName },
    },
  ]);
}

/** demo-admin's notification about an event, once the notification-service has made it (it follows the feed in ms). */
export async function waitForNotification(eventId: string, timeoutMs = 30_000): Promise<Notification> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/v1/notifications?limit=100`, { headers: adminHeaders() });
    const page = (await response.json()) as { items: Notification[] };
    const found = page.items.find((n) => n.eventId === eventId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no notification about ${eventId} within ${timeoutMs} ms`);
}

/** The mail of a notification at GreenMail (its Message-ID is the notification id), as plain text with its links. */
export async function waitForMail(to: string, notificationId: string, timeoutMs = 30_000): Promise<{ subject: string; text: string; links: URL[] }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`http://localhost:8025/api/user/${encodeURIComponent(to)}/messages/`);
    if (response.ok) {
      const messages = (await response.json()) as { 'Message-ID': string; subject: string; mimeMessage: string }[];
      const mail = messages.find((m) => m['Message-ID'].includes(notificationId));
      if (mail) {
        // Undo quoted-printable soft breaks and escaped '=' so links read whole. Case-sensitive: an encoder writes
        // "=3D" in capitals (RFC 2045), while a link's "comment=3da0..." (an id starting "3d") is no escape.
        const text = mail.mimeMessage.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const links = [...new Set(text.match(/https?:\/\/[^\s"'<>]+/g) ?? [])].map((l) => new URL(l));
        return { subject: mail.subject, text, links };
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no mail for notification ${notificationId} to ${to} within ${timeoutMs} ms`);
}
