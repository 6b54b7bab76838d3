import { allOf, documentId, type Em, type SearchDocument, type SearchFeed } from '@welcome-hub/kit';
import { referenceDirectory } from '@welcome-hub/reference';
import { FIELD_OF_ACTION_LABELS, PRACTICE_KIND_LABELS, TARGET_GROUP_LABELS } from '../shared/vocabulary.js';
import { PracticeEntity, type PracticeRow } from './practice.entity.js';
import { PUBLIC_PRACTICES } from './practice.visibility.js';

function toDocument(p: PracticeRow): SearchDocument {
  const directory = referenceDirectory();
  const owner = p.ownerAgs ? directory.municipalities.get(p.ownerAgs) : undefined;
  const cooperation = p.ownerCooperation ? directory.cooperations.get(p.ownerCooperation) : undefined;
  const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;
  return {
    id: documentId('PRACTICE', p.id),
    type: 'PRACTICE',
    key: p.id,
    title: p.title,
    summary: p.summary,
    // Vocabulary labels make "Familien" or "Sprache" find practices tagged with them.
    text: [
      p.description,
      p.lessonsLearned,
      p.tags.join(', '),
      p.targetGroups.map((c) => label(TARGET_GROUP_LABELS, c)).join(', '),
      p.fieldsOfAction.map((c) => label(FIELD_OF_ACTION_LABELS, c)).join(', '),
      label(PRACTICE_KIND_LABELS, p.kind),
      p.awards.map((a) => a.name).join(', '),
    ]
      .filter(Boolean)
      .join('. '),
    places: [owner?.name, owner ? directory.districts.get(owner.districtCode) : undefined, cooperation?.name].filter(
      (x): x is string => !!x,
    ),
    region: p.ownerRegion === 'RUHR' || p.ownerRegion === 'SUEDWESTFALEN' ? p.ownerRegion : null,
    district: p.ownerDistrict ?? null,
    targetGroups: p.targetGroups,
    fieldsOfAction: p.fieldsOfAction,
    kind: p.kind,
    location: owner ? { lat: owner.latitude, lon: owner.longitude } : null,
  };
}

/** Published best-practice projects as search documents. */
export const practiceSearchFeed: SearchFeed = {
  type: 'PRACTICE',
  async keys(em: Em) {
    // Only what anonymous callers see in lists is indexed: no drafts, nothing archived.
    return (await em.find(PracticeEntity, PUBLIC_PRACTICES as never, { fields: ['id'], orderBy: { id: 'asc' } })).map(
      (p) => p.id,
    );
  },
  async documents(em: Em, keys: string[]) {
    return (await em.find(PracticeEntity, allOf(PUBLIC_PRACTICES, { id: { $in: keys } }) as never)).map(toDocument);
  },
};
