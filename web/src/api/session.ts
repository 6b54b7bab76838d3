import { createContext, useContext } from 'react';
import type { ViewerQuery } from '../../generated/graphql.js';

export type Viewer = NonNullable<ViewerQuery['viewer']>;

/** Who uses the app: null while signed out (reading works without signing in). */
export interface Session {
  viewer: Viewer | null;
  /** True until the first answer about the session. */
  loading: boolean;
  /** The AGS the signed-in person acts for: their first municipality (null for coordinators without one, and signed out). */
  ownAgs: string | null;
  refresh: () => void;
}

export const SessionContext = createContext<Session>({
  viewer: null,
  loading: true,
  ownAgs: null,
  refresh: () => undefined,
});

export const useSession = (): Session => useContext(SessionContext);

/** The hub's sign-in, returning to `path` afterwards. */
export const signInUrl = (path: string): string => `/auth/login?returnTo=${encodeURIComponent(path)}`;
