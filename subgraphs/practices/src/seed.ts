import { auditedBy, forkForSystem, type Orm } from '@welcome-hub/kit';
import { loadPractices, referenceDirectory, type PracticeData } from '@welcome-hub/reference';
import { describeResult, upsertRows, type TableResult } from '@welcome-hub/seed';
import { practicesModel } from './model.js';
import { PracticeEntity } from './practice/practice.entity.js';
import {
  FIELD_OF_ACTION_LABELS,
  PRACTICE_KIND_LABELS,
  TARGET_GROUP_LABELS,
  codeForLabel,
} from './shared/vocabulary.js';

/** knowledge.json's German terms mapped to the vocabularies; facts it lacks stay null. */
export function practiceRow(p: PracticeData): Record<string, unknown> {
  const directory = referenceDirectory();
  const municipality = p.municipality_ags ? directory.municipalities.get(p.municipality_ags) : undefined;
  const cooperation = p.cooperation_slug ? directory.cooperations.get(p.cooperation_slug) : undefined;
  if (!municipality && !cooperation?.region) throw new Error(`knowledge.json practice ${p.slug}: unknown owner`);
  const now = new Date();
  return {
    id: crypto.randomUUID(),
    slug: p.slug,
    title: p.title,
    summary: p.summary,
    owner_ags: municipality ? p.municipality_ags : null,
    owner_cooperation: municipality ? null : p.cooperation_slug,
    owner_region: municipality?.region ?? cooperation!.region,
    owner_district: municipality?.districtCode ?? null,
    kind: codeForLabel(PRACTICE_KIND_LABELS, p.kind, 'practice kind'),
    target_groups: p.target_groups.map((t) => codeForLabel(TARGET_GROUP_LABELS, t, 'target group')),
    fields_of_action: [codeForLabel(FIELD_OF_ACTION_LABELS, p.field_of_action, 'field of action')],
    started_year: p.started,
    funding: p.funding
      ? [
          {
            programme: p.funding.programme,
            amountEur: p.funding.amount_eur ?? null,
            sharePercent: p.funding.share_percent ?? null,
            startsOn: p.funding.from ?? null,
            durationYears: p.funding.duration_years ?? null,
            positions: p.funding.new_positions ?? null,
            note: p.funding.note ?? null,
          },
        ]
      : [],
    awards: p.awards ?? [],
    contacts: p.contact_role ? [{ name: null, role: p.contact_role, email: null, phone: null }] : [],
    criteria: [],
    source: p.source,
    created_at: now,
    updated_at: now,
    created_by: 'seed',
    updated_by: 'seed',
  };
}

/** Loads the practices of knowledge.json, each recorded in the audit trail as the system's; idempotent. */
export async function seedPractices(orm: Orm, options: { log?: (line: string) => void } = {}): Promise<TableResult[]> {
  const rows = loadPractices().map(practiceRow);
  return forkForSystem(orm.em).transactional(async (em) => {
    const result = await upsertRows(em, 'practices', 'practice', ['slug'], rows, {
      fixed: ['id', 'criteria', 'created_at', 'updated_at', 'created_by', 'updated_by'],
      json: ['funding', 'awards', 'contacts'],
      outboxKey: 'id',
      audit: auditedBy(practicesModel, PracticeEntity),
    });
    options.log?.(describeResult(result));
    return [result];
  });
}

export async function isEmpty(orm: Orm): Promise<boolean> {
  const [row] = (await orm.em.getConnection().execute('select count(*)::int as n from "practices"."practice"')) as {
    n: number;
  }[];
  return row.n === 0;
}
