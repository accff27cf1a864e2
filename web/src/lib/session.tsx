/**
 * The one session context: who is signed in, with which groups. The access token lives in sessionStorage
 * (gone when the tab closes) and is handed to the API client, which attaches it to every call.
 */
import { createContext, createResource, useContext, type ParentProps, type Resource } from 'solid-js';
import { hasStaffRole } from '../../../shared/roles.js';
import { api, setAccessToken, setUnauthorizedHandler, type Me } from './api.js';

const TOKEN_KEY = 'kedai.accessToken';
const EXPIRES_KEY = 'kedai.expiresAt';

export interface Session {
  me: Resource<Me | null>;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): void;
  isStaff(): boolean;
  hasGroup(group: string): boolean;
}

const SessionContext = createContext<Session>();

function storedToken(): string | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const expiresAt = Number(sessionStorage.getItem(EXPIRES_KEY) ?? 0);
  if (!token || expiresAt <= Date.now()) return null;
  return token;
}

export function SessionProvider(props: ParentProps) {
  setAccessToken(storedToken());
  const [me, { mutate }] = createResource<Me | null>(async () => {
    if (!storedToken()) return null;
    try {
      return await api.me();
    } catch {
      return null;
    }
  });

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(EXPIRES_KEY);
    setAccessToken(null);
    mutate(null);
  }
  setUnauthorizedHandler(signOut);

  const session: Session = {
    me,
    async signIn(username, password) {
      const { accessToken, expiresIn } = await api.signIn(username, password);
      sessionStorage.setItem(TOKEN_KEY, accessToken);
      sessionStorage.setItem(EXPIRES_KEY, String(Date.now() + expiresIn * 1000));
      setAccessToken(accessToken);
      const who = await api.me();
      mutate(who);
      return who;
    },
    signOut,
    isStaff: () => hasStaffRole(me()?.groups ?? []),
    hasGroup: (group) => (me()?.groups ?? []).includes(group),
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}
