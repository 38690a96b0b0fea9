import { ApiError, type Problem } from './problem';

export type Query = Record<string, string | number | boolean | string[] | null | undefined>;

/** Query string of the services' conventions: lists repeat the parameter, empty values are left out. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.filter((v) => v !== '').forEach((v) => params.append(key, v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Calls the services through the console's own origin (/api/v1/..., forwarded by the console app), with the
 * signed-in user's access token. The token is asked for on every call, so a silently renewed one is used at once.
 */
export class ApiClient {
  constructor(
    private readonly token: () => string | undefined,
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  async request<T>(method: string, path: string, options: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    const response = await this.send(method, path, options);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get('Content-Type') ?? '';
    return (type.includes('json') ? await response.json() : await response.text()) as T;
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, { query, signal });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body });
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /** A file from a service (a report's file) saved through the browser, with the name the service gave it. */
  async download(path: string, fallbackName: string): Promise<void> {
    const response = await this.send('GET', path, {});
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    saveBlob(blob, match ? decodeURIComponent(match[1]) : fallbackName);
  }

  private async send(method: string, path: string, options: { query?: Query; body?: unknown; signal?: AbortSignal }): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json, */*' };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path + queryString(options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
    if (!response.ok) {
      let problem: Problem | null = null;
      try {
        problem = (await response.json()) as Problem;
      } catch {
        problem = null;
      }
      if (response.status === 401) this.onUnauthorized();
      throw new ApiError(response.status, problem);
    }
    return response;
  }
}

/** Content saved through the browser as a file of that name (the link's object URL is released afterwards). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
