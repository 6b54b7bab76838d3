import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Orm } from '@welcome-hub/kit';
import { PartnerClientEntity } from '../client/partner-client.entity.js';
import { clientMetadata } from '../client/partner-client.metadata.js';

type Row = { payload: AdapterPayload; consumed_at: Date | null };

/** How often a process sweeps expired records, at most: on a write, so an idle hub does nothing. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const lastSweep = new WeakMap<Orm, number>();

/**
 * oidc-provider's storage in the `identity` schema: sessions, grants, codes and refresh
 * tokens outlive a restart of the hub and are shared by its processes. Partner clients
 * (model `Client`) are read from their own table, so a deactivated or rotated client
 * takes effect at once.
 */
export class PostgresAdapter implements Adapter {
  constructor(
    private readonly orm: Orm,
    private readonly model: string,
  ) {}

  private execute<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.orm.em.getConnection().execute<T[]>(sql, params);
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    if (this.model === 'Client')
      throw new Error('Partner clients are registered through the API, not by dynamic registration.');
    await this.execute(
      `insert into "identity"."oidc_record" ("model", "id", "payload", "grant_id", "user_code", "uid", "expires_at")
       values (?, ?, ?::jsonb, ?, ?, ?, ${expiresIn ? `now() + make_interval(secs => ?)` : 'null'})
       on conflict ("model", "id") do update set "payload" = excluded."payload", "grant_id" = excluded."grant_id",
         "user_code" = excluded."user_code", "uid" = excluded."uid", "expires_at" = excluded."expires_at"`,
      [
        this.model,
        id,
        JSON.stringify(payload),
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
        ...(expiresIn ? [expiresIn] : []),
      ],
    );
    if (Date.now() - (lastSweep.get(this.orm) ?? 0) > SWEEP_INTERVAL_MS) {
      lastSweep.set(this.orm, Date.now());
      await sweepExpired(this.orm);
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') return this.findClient(id);
    return this.findBy('"id" = ?', id);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findBy('"uid" = ?', uid);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findBy('"user_code" = ?', userCode);
  }

  private async findBy(condition: string, value: string): Promise<AdapterPayload | undefined> {
    const [row] = await this.execute<Row>(
      `select "payload", "consumed_at" from "identity"."oidc_record"
       where "model" = ? and ${condition} and ("expires_at" is null or "expires_at" > now())`,
      [this.model, value],
    );
    if (!row) return undefined;
    const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as AdapterPayload) : row.payload;
    return row.consumed_at ? { ...payload, consumed: Math.floor(new Date(row.consumed_at).getTime() / 1000) } : payload;
  }

  async consume(id: string): Promise<void> {
    await this.execute(`update "identity"."oidc_record" set "consumed_at" = now() where "model" = ? and "id" = ?`, [
      this.model,
      id,
    ]);
  }

  async destroy(id: string): Promise<void> {
    await this.execute(`delete from "identity"."oidc_record" where "model" = ? and "id" = ?`, [this.model, id]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.execute(`delete from "identity"."oidc_record" where "grant_id" = ?`, [grantId]);
  }

  private async findClient(clientId: string): Promise<AdapterPayload | undefined> {
    const client = await this.orm.em.fork().findOne(PartnerClientEntity, { clientId, active: true });
    return client ? (clientMetadata(client) as AdapterPayload) : undefined;
  }
}

/** Deletes records that expired a day ago or more (the provider ignores them already). */
export async function sweepExpired(orm: Orm): Promise<number> {
  const rows = await orm.em
    .getConnection()
    .execute<{ id: string }[]>(
      `delete from "identity"."oidc_record" where "expires_at" < now() - interval '1 day' returning "id"`,
    );
  return rows.length;
}
