import { documentId, type Em, type SearchDocument, type SearchFeed } from '@welcome-hub/kit';
import { CooperationEntity, MembershipEntity } from '../cooperation/cooperation.entity.js';
import { DistrictEntity } from '../district/district.entity.js';
import { MunicipalityEntity } from './municipality.entity.js';

const REGION_LABEL: Record<string, string> = { SUEDWESTFALEN: 'Südwestfalen', RUHR: 'Ruhrgebiet' };
const KIND_LABEL: Record<string, string> = { STADT: 'Stadt', GEMEINDE: 'Gemeinde' };

/** Municipalities as search documents: name, district, region and cooperations, all public. */
export const municipalitySearchFeed: SearchFeed = {
  type: 'MUNICIPALITY',
  async keys(em: Em) {
    return (await em.find(MunicipalityEntity, {}, { fields: ['ags'], orderBy: { ags: 'asc' } })).map((m) => m.ags);
  },
  async documents(em: Em, keys: string[]): Promise<SearchDocument[]> {
    const municipalities = await em.find(MunicipalityEntity, { ags: { $in: keys } });
    if (municipalities.length === 0) return [];
    const districts = new Map(
      (await em.find(DistrictEntity, { code: { $in: [...new Set(municipalities.map((m) => m.districtCode))] } })).map(
        (d) => [d.code, d],
      ),
    );
    const memberships = await em.find(MembershipEntity, { municipalityAgs: { $in: municipalities.map((m) => m.ags) } });
    const cooperations = new Map(
      (await em.find(CooperationEntity, { id: { $in: [...new Set(memberships.map((m) => m.cooperationId))] } })).map(
        (c) => [c.id, c.name],
      ),
    );
    return municipalities.map((m) => {
      const district = districts.get(m.districtCode);
      const memberOf = memberships
        .filter((ms) => ms.municipalityAgs === m.ags)
        .map((ms) => cooperations.get(ms.cooperationId))
        .filter((n): n is string => !!n);
      const region = REGION_LABEL[m.region] ?? m.region;
      return {
        id: documentId('MUNICIPALITY', m.ags),
        type: 'MUNICIPALITY',
        key: m.ags,
        title: m.name,
        summary: `${KIND_LABEL[m.kind] ?? m.kind} in ${district?.name ?? m.districtCode}, ${region}`,
        text: [m.officialName, ...memberOf].join('. '),
        places: [m.name, district?.name ?? '', region].filter(Boolean),
        region: m.region === 'RUHR' || m.region === 'SUEDWESTFALEN' ? m.region : null,
        district: m.districtCode,
        targetGroups: [],
        fieldsOfAction: [],
        kind: m.kind,
        location: m.latitude != null && m.longitude != null ? { lat: m.latitude, lon: m.longitude } : null,
      };
    });
  },
};
