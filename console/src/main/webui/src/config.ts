/** The console app's runtime settings (GET /config.json), so one build runs against any identity provider. */
export interface ConsoleConfig {
  authority: string;
  clientId: string;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/config.json answered ${response.status}`);
  const config = (await response.json()) as Partial<ConsoleConfig>;
  if (!config.authority || !config.clientId) throw new Error('/config.json lacks authority or clientId');
  return { authority: config.authority, clientId: config.clientId };
}
