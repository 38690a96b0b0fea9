import { useAuth } from 'react-oidc-context';

/** The signed-in person as the token names them; the account comes from the token only, like the services'. */
export interface Person {
  name: string;
  email: string | undefined;
  accountId: string | undefined;
}

export function usePerson(): Person {
  const auth = useAuth();
  const profile: Record<string, unknown> = auth.user?.profile ?? {};
  const name = (profile.name as string | undefined) ?? (profile.preferred_username as string | undefined) ?? '';
  return {
    name,
    email: profile.email as string | undefined,
    accountId: profile.account_id as string | undefined,
  };
}

/** Initials for an avatar: "Ann Lee" -> "AL", "ann@x.example" -> "A". */
export function initials(nameOrEmail: string | null | undefined): string {
  const text = (nameOrEmail ?? '').trim();
  if (!text) return '?';
  const words = text.split(/[\s@._-]+/).filter(Boolean);
  const letters = text.includes('@') ? [words[0]] : words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]];
  return letters.map((w) => Array.from(w)[0].toUpperCase()).join('');
}
