import { documentId, type Em, type SearchDocument, type SearchFeed } from '@welcome-hub/kit';
import { referenceDirectory } from '@welcome-hub/reference';
import { EventEntity, type EventRow } from './event.entity.js';
import { EVENT_KIND_LABELS } from './event.type.js';

function toDocument(e: EventRow): SearchDocument {
  const directory = referenceDirectory();
  const host = e.hostAgs ? directory.municipalities.get(e.hostAgs) : undefined;
  const organizer = e.organizerCooperation ? directory.cooperations.get(e.organizerCooperation)?.name : e.organizerName;
  const location =
    e.venueLatitude != null && e.venueLongitude != null
      ? { lat: e.venueLatitude, lon: e.venueLongitude }
      : host
        ? { lat: host.latitude, lon: host.longitude }
        : null;
  return {
    id: documentId('EVENT', e.id),
    type: 'EVENT',
    key: e.id,
    title: e.title,
    summary: e.description ?? e.seriesName ?? e.title,
    text: [
      e.seriesName,
      EVENT_KIND_LABELS[e.kind as keyof typeof EVENT_KIND_LABELS],
      e.agenda,
      e.outcomes,
      e.venueName,
      e.venueAddress,
      organizer,
      e.date?.slice(0, 4),
    ]
      .filter(Boolean)
      .join('. '),
    places: [host?.name, host ? directory.districts.get(host.districtCode) : undefined, organizer ?? undefined].filter(
      (x): x is string => !!x,
    ),
    region: e.region === 'RUHR' || e.region === 'SUEDWESTFALEN' ? e.region : null,
    district: host?.districtCode ?? null,
    targetGroups: [],
    fieldsOfAction: [],
    kind: e.kind,
    location,
  };
}

/** Events as search documents; all of them are public (registrations are not indexed). */
export const eventSearchFeed: SearchFeed = {
  type: 'EVENT',
  async keys(em: Em) {
    return (await em.find(EventEntity, {}, { fields: ['id'], orderBy: { id: 'asc' } })).map((e) => e.id);
  },
  async documents(em: Em, keys: string[]) {
    return (await em.find(EventEntity, { id: { $in: keys } })).map(toDocument);
  },
};
