/**
 * The one session context: who is signed in, with which groups. The access token lives in sessionStorage
 * (gone when the tab closes) and is handed to the API client; the refresh token is an HttpOnly cookie the page
 * never sees. While the user is active the token is refreshed before it expires; after the idle timeout without
 * a key press or a touch the session is ended here and on the server (which also refuses an idle refresh).
 */
import { createContext, createResource, onCleanup, useContext, type ParentProps, type Resource } from 'solid-js';
import { isServer } from 'solid-js/web';
import { ACCOUNT_LIMITS } from '../../../shared/account-limits.js';
import { hasStaffRole } from '../../../shared/roles.js';
import { api, setAccessToken, setUnauthorizedHandler, type Me } from './api.js';

const TOKEN_KEY = 'kedai.accessToken';
const EXPIRES_KEY = 'kedai.expiresAt';
const SIGNED_IN_KEY = 'kedai.signedIn';
/** Refresh this long before the access token expires, and at most this often while the user is active. */
const REFRESH_MARGIN_MS = 60_000;
const TOUCH_EVERY_MS = 5 * 60_000;

export interface Session {
  me: Resource<Me | null>;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  isStaff(): boolean;
  hasGroup(group: string): boolean;
  /** Where the signed-in person starts: the queue for staff, the lead workbench for product managers, else their applications. */
  home(): string;
}

const SessionContext = createContext<Session>();
const storage = () => (typeof sessionStorage === 'undefined' ? null : sessionStorage);

function storedToken(): string | null {
  const token = storage()?.getItem(TOKEN_KEY);
  const expiresAt = Number(storage()?.getItem(EXPIRES_KEY) ?? 0);
  if (!token || expiresAt <= Date.now()) return null;
  return token;
}

function keep(session: { accessToken: string; expiresIn: number }) {
  storage()?.setItem(TOKEN_KEY, session.accessToken);
  storage()?.setItem(EXPIRES_KEY, String(Date.now() + session.expiresIn * 1000));
  storage()?.setItem(SIGNED_IN_KEY, '1');
  setAccessToken(session.accessToken);
}

/** No token and no session cookie (as far as this tab knows): signed out, with nothing to load. */
export const knownSignedOut = () => !storedToken() && !storage()?.getItem(SIGNED_IN_KEY);

export function SessionProvider(props: ParentProps) {
  setAccessToken(storedToken());
  let lastActivity = Date.now();
  let lastRefresh = Date.now();

  async function refresh(): Promise<boolean> {
    try {
      keep(await api.refresh());
      lastRefresh = Date.now();
      return true;
    } catch {
      return false;
    }
  }

  // A visitor with no token and no session cookie is known to be signed out at once: nothing to load, so the
  // page renders as the build prerendered it (no "loading" header first). Sign-in sets the value itself.
  const signedOut = isServer || knownSignedOut();
  const [me, { mutate }] = createResource<Me | null, boolean>(() => !signedOut, async () => {
    // A tab whose token lapsed but whose session cookie lives (a reload after a while) refreshes once.
    if (!storedToken() && !(storage()?.getItem(SIGNED_IN_KEY) && (await refresh()))) return null;
    try {
      return await api.me();
    } catch {
      return null;
    }
  });

  function forget() {
    storage()?.removeItem(TOKEN_KEY);
    storage()?.removeItem(EXPIRES_KEY);
    storage()?.removeItem(SIGNED_IN_KEY);
    setAccessToken(null);
    mutate(null);
  }
  async function signOut() {
    forget();
    try { await api.signOut(); } catch { /* the cookie is cleared or the server is away: the tab is signed out either way */ }
  }
  setUnauthorizedHandler(() => void signOut());

  if (typeof window !== 'undefined') {
    const active = () => { lastActivity = Date.now(); };
    const events = ['keydown', 'pointerdown', 'touchstart', 'scroll'] as const;
    for (const e of events) window.addEventListener(e, active, { passive: true });
    const timer = setInterval(() => {
      if (!me()) return;
      const now = Date.now();
      if (now - lastActivity > ACCOUNT_LIMITS.idleTimeoutMs) { void signOut(); return; }
      const expiresAt = Number(storage()?.getItem(EXPIRES_KEY) ?? 0);
      const recentlyActive = now - lastActivity < TOUCH_EVERY_MS;
      if (expiresAt - now < REFRESH_MARGIN_MS || (recentlyActive && now - lastRefresh > TOUCH_EVERY_MS)) void refresh();
    }, 30_000);
    onCleanup(() => { clearInterval(timer); for (const e of events) window.removeEventListener(e, active); });
  }

  const session: Session = {
    me,
    async signIn(username, password) {
      const { accessToken, expiresIn } = await api.signIn(username, password);
      keep({ accessToken, expiresIn });
      lastActivity = lastRefresh = Date.now();
      const who = await api.me();
      mutate(who);
      return who;
    },
    signOut,
    isStaff: () => hasStaffRole(me()?.groups ?? []),
    hasGroup: (group) => (me()?.groups ?? []).includes(group),
    home: () => (session.isStaff() ? '/staff' : session.hasGroup('product-manager') ? '/leads' : '/applications'),
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}
