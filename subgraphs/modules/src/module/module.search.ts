import {
  documentId,
  LICENCES,
  type Em,
  type LicenceCode,
  type SearchDocument,
  type SearchFeed,
} from '@welcome-hub/kit';
import { referenceDirectory } from '@welcome-hub/reference';
import { ModuleEntity, type ModuleRow } from './module.entity.js';
import { MODULE_KIND_LABELS } from './module.type.js';

function toDocument(m: ModuleRow): SearchDocument {
  const directory = referenceDirectory();
  const owner = m.ownerAgs ? directory.municipalities.get(m.ownerAgs) : undefined;
  const cooperation = m.ownerCooperation ? directory.cooperations.get(m.ownerCooperation) : undefined;
  const region = owner?.region ?? cooperation?.region ?? null;
  const licence = m.licence ? LICENCES[m.licence as LicenceCode]?.id : undefined;
  return {
    id: documentId('MODULE', m.id),
    type: 'MODULE',
    key: m.id,
    title: m.title,
    summary: m.summary,
    text: [m.description, MODULE_KIND_LABELS[m.kind as keyof typeof MODULE_KIND_LABELS], licence]
      .filter(Boolean)
      .join('. '),
    places: [owner?.name, owner ? directory.districts.get(owner.districtCode) : undefined, cooperation?.name].filter(
      (x): x is string => !!x,
    ),
    region,
    district: owner?.districtCode ?? null,
    targetGroups: [],
    fieldsOfAction: [],
    kind: m.kind,
    location: owner ? { lat: owner.latitude, lon: owner.longitude } : null,
  };
}

/** Shared modules as search documents; all of them are public. */
export const moduleSearchFeed: SearchFeed = {
  type: 'MODULE',
  async keys(em: Em) {
    return (await em.find(ModuleEntity, {}, { fields: ['id'], orderBy: { id: 'asc' } })).map((m) => m.id);
  },
  async documents(em: Em, keys: string[]) {
    return (await em.find(ModuleEntity, { id: { $in: keys } })).map(toDocument);
  },
};
