import { coordinatorsOnly, definePolicy, signedIn } from '@welcome-hub/kit';

/** The identity subgraph's catalogue: each action and the resource its rule decides on. */
export interface IdentityResources {
  /** Invite, change, deactivate accounts and read the list of accounts. */
  'account:manage': unknown;
  /** Change one's own password: any signed-in person (with an account of the own provider); no partner system. */
  'account:change-password': unknown;
  /** Register partner clients, rotate their secrets, change or deactivate them, list them. */
  'client:manage': unknown;
  /** Read this subgraph's audit trail (accounts, invitations, partner clients): coordinators only. */
  'audit:read': unknown;
}
export type IdentityAction = keyof IdentityResources;

/** Who may do what in this subgraph; the only place its permissions are decided. Partner clients are editors, never coordinators. */
export const identityPolicy = definePolicy<IdentityResources>({
  'account:manage': coordinatorsOnly,
  'account:change-password': signedIn,
  'client:manage': coordinatorsOnly,
  'audit:read': coordinatorsOnly,
});
