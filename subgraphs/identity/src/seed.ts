import { forkForSystem, type Orm } from '@welcome-hub/kit';
import { AccountEntity } from './account/account.entity.js';
import { createFirstCoordinator } from './account/account.service.js';

/** True while no account exists: the first start then creates the coordinator. */
export async function isEmpty(orm: Orm): Promise<boolean> {
  return (await orm.em.fork().count(AccountEntity, {})) === 0;
}

/**
 * The first coordinator, with a random password printed once: never a fixed default
 * password. Later starts find the account and print nothing.
 */
export async function seedIdentity(orm: Orm, email: string, log: (line: string) => void): Promise<void> {
  const created = await createFirstCoordinator(forkForSystem(orm.em), email);
  if (!created) return;
  log(`identity: first coordinator ${created.email} created; its password, shown this once: ${created.password}`);
  log('identity: sign in and change it, or invite colleagues and deactivate this account.');
}
