import type { EntityManager } from '@mikro-orm/core';
import { subjectOf, type Caller } from '../auth/caller.js';

/** Who a flush writes for, as the audit trail records it. */
export interface AuditActor {
  /** The token subject, 'anonymous', or 'system'. */
  subject: string;
  /** The OAuth client the token was issued to (the web app, a partner system), when the token names one. */
  client: string | null;
}

/** Writes outside any request: seeds, scripts, a test's fixtures; see `forkForSystem`. */
export const SYSTEM_ACTOR: Readonly<AuditActor> = Object.freeze({ subject: 'system', client: null });

const ACTOR_KEY = 'auditActor';

export function auditActorOf(caller: Caller): AuditActor {
  return { subject: subjectOf(caller), client: caller.kind === 'user' ? (caller.client ?? null) : null };
}

/**
 * A fork of `em` whose flushes the audit trail records as `caller`'s: each request's entity
 * manager (server/subgraph.ts). The actor rides in the fork's logger context because
 * MikroORM copies that into every fork made from it, the one `em.transactional` opens
 * included, and hands the flushing entity manager to the subscriber; so the actor follows
 * the unit of work and nothing else. An AsyncLocalStorage would work too, but relies on
 * every layer between the HTTP request and the flush (Apollo, DataLoader batches, the
 * embedded gateway's in-process calls) keeping the async context, and a write that escapes
 * it would be attributed silently to 'system' or, worse, to another request. It also puts
 * the subject beside every logged statement of the request.
 */
export function forkFor<E extends EntityManager>(em: E, caller: Caller): E {
  return em.fork({ loggerContext: { [ACTOR_KEY]: auditActorOf(caller) } }) as E;
}

/**
 * A fork of `em` whose writes the audit trail records as SYSTEM_ACTOR: for work outside
 * any request (the seeds, scripts, a test's fixtures). Asking for it by name is the point:
 * a write through an entity manager forked for nobody fails instead of passing as 'system'.
 */
export function forkForSystem<E extends EntityManager>(em: E): E {
  return em.fork({ loggerContext: { [ACTOR_KEY]: SYSTEM_ACTOR } }) as E;
}

/** An audited record was written through an entity manager that `forkFor` or `forkForSystem` did not make. */
export class MissingAuditActorError extends Error {
  constructor(entity: string) {
    super(
      `${entity} is audited, but was written through an entity manager without an actor: use forkFor(em, caller) in a request, forkForSystem(em) outside one.`,
    );
    this.name = 'MissingAuditActorError';
  }
}

/** Who a write of an audited `entity` through `em` is recorded for; throws MissingAuditActorError when nobody. */
export function flushActor(em: EntityManager, entity: string): AuditActor {
  const actor = em.getLoggerContext({ disableContextResolution: true })[ACTOR_KEY] as AuditActor | undefined;
  if (!actor) throw new MissingAuditActorError(entity);
  return actor;
}
