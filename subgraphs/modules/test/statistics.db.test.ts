import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { forkForSystem, type Em } from '@welcome-hub/kit';
import { devToken, startTestSubgraph, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { referenceDirectory } from '@welcome-hub/reference';
import { Migration20261203100000_licence } from '../src/migrations/Migration20261203100000_licence.js';
import { AdoptionEntity, ModuleEntity } from '../src/module/module.entity.js';
import { modulesSubgraph } from '../src/server.js';

const STATISTICS = `{ moduleAdoptionStatistics {
  byDistrict { district { code } status adoptions municipalities }
  byModule { module { slug } adoptions byStatus { status adoptions } }
} }`;
const ADOPT = `mutation($input: SetModuleAdoptionInput!) { setModuleAdoption(input: $input) { id } }`;
const STATUSES = ['PLANNED', 'IN_USE', 'RETIRED'];

let hub: SubgraphUnderTest;
let coordinator: string;
let moduleIds: Map<string, string>;
let byTitle: string[];

interface DistrictCount {
  district: { code: string };
  status: string;
  adoptions: number;
  municipalities: number;
}
interface ModuleCount {
  module: { slug: string };
  adoptions: number;
  byStatus: { status: string; adoptions: number }[];
}

async function statistics(token?: string): Promise<{ byDistrict: DistrictCount[]; byModule: ModuleCount[] }> {
  const { data, errors } = await hub.gql(STATISTICS, { token });
  expect(errors).toBeUndefined();
  return data!.moduleAdoptionStatistics;
}

async function adopt(ags: string, slug: string, status: string) {
  const token = await devToken({ sub: `editor-${ags}`, role: 'editor', ags: [ags] });
  const { errors } = await hub.gql(ADOPT, {
    token,
    variables: { input: { moduleId: moduleIds.get(slug), ags, status } },
  });
  expect(errors).toBeUndefined();
}

beforeAll(async () => {
  hub = await startTestSubgraph(modulesSubgraph);
  coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  const { data } = await hub.gql(`{ modules(first: 50) { edges { node { id slug } } } }`);
  const nodes = data!.modules.edges.map((e: { node: { id: string; slug: string } }) => e.node);
  moduleIds = new Map(nodes.map((n: { id: string; slug: string }) => [n.slug, n.id]));
  byTitle = nodes.map((n: { slug: string }) => n.slug);
});
afterAll(() => hub?.close());

describe('module adoption statistics', () => {
  it('lists all 20 districts with every status, and every module, with zeros before anything is adopted', async () => {
    const { byDistrict, byModule } = await statistics();
    const districts = [...referenceDirectory().districts.keys()].sort();
    expect(districts).toHaveLength(20);
    expect(byDistrict.map((d) => `${d.district.code}:${d.status}`)).toEqual(
      districts.flatMap((code) => STATUSES.map((s) => `${code}:${s}`)),
    );
    expect(byDistrict.every((d) => d.adoptions === 0 && d.municipalities === 0)).toBe(true);
    expect(byModule.map((m) => m.module.slug)).toEqual(byTitle);
    expect(byModule[0]).toEqual({
      module: { slug: byTitle[0] },
      adoptions: 0,
      byStatus: STATUSES.map((status) => ({ status, adoptions: 0 })),
    });
  });

  it('counts adoptions and adopting municipalities per district and status, and adoptions per module', async () => {
    await adopt('05970040', 'quick-check', 'IN_USE'); // Siegen
    await adopt('05970040', 'willkommensmappe', 'IN_USE');
    await adopt('05970004', 'quick-check', 'IN_USE'); // Bad Berleburg
    await adopt('05970008', 'quick-check', 'PLANNED'); // Burbach
    await adopt('05966024', 'willkommensmappe', 'RETIRED'); // Olpe
    await adopt('05913000', 'quick-check', 'IN_USE'); // Dortmund
    // Anyone may read them: they count records, they do not show them.
    const { byDistrict, byModule } = await statistics();
    expect(await statistics(await devToken({ sub: 'editor-olpe', role: 'editor', ags: ['05966024'] }))).toEqual({
      byDistrict,
      byModule,
    });
    const counted = byDistrict.filter((d) => d.adoptions > 0);
    expect(counted).toEqual([
      { district: { code: '05913' }, status: 'IN_USE', adoptions: 1, municipalities: 1 },
      { district: { code: '05966' }, status: 'RETIRED', adoptions: 1, municipalities: 1 },
      { district: { code: '05970' }, status: 'PLANNED', adoptions: 1, municipalities: 1 },
      { district: { code: '05970' }, status: 'IN_USE', adoptions: 3, municipalities: 2 },
    ]);
    expect(byModule.slice(0, 2)).toEqual([
      {
        module: { slug: 'quick-check' },
        adoptions: 4,
        byStatus: [
          { status: 'PLANNED', adoptions: 1 },
          { status: 'IN_USE', adoptions: 3 },
          { status: 'RETIRED', adoptions: 0 },
        ],
      },
      {
        module: { slug: 'willkommensmappe' },
        adoptions: 2,
        byStatus: [
          { status: 'PLANNED', adoptions: 0 },
          { status: 'IN_USE', adoptions: 1 },
          { status: 'RETIRED', adoptions: 1 },
        ],
      },
    ]);
    // Ties (no adoptions) by title.
    expect(byModule.slice(2).map((m) => m.module.slug)).toEqual(
      byTitle.filter((s) => s !== 'quick-check' && s !== 'willkommensmappe'),
    );
  });

  it('orders module lists by adoptions on request; by title by default', async () => {
    const LIST = `query($order: ModuleOrder) { modules(first: 50, orderBy: $order) { totalCount edges { node { slug adoptionCount } } } }`;
    const slugs = async (order?: string) =>
      (await hub.gql(LIST, { variables: { order } })).data!.modules.edges.map(
        (e: { node: { slug: string } }) => e.node.slug,
      );
    expect(await slugs()).toEqual(byTitle);
    expect(await slugs('TITLE')).toEqual(byTitle);
    expect(await slugs('ADOPTIONS')).toEqual((await statistics()).byModule.map((m) => m.module.slug));
    expect((await slugs('UPDATED')).sort()).toEqual([...byTitle].sort());
    const bad = await hub.gql(LIST, { variables: { order: 'POPULARITY' } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('counts in a fixed number of statements whatever the number of adoptions', async () => {
    const LIST = `{ modules(first: 5, orderBy: ADOPTIONS) { totalCount edges { node { slug } } } }`;
    const count = async (query: string) => {
      hub.statements.reset();
      expect((await hub.gql(query)).errors).toBeUndefined();
      return hub.statements.count;
    };
    const before = [await count(STATISTICS), await count(LIST)];
    // Every module adopted by 60 more municipalities: 540 adoptions.
    const em = forkForSystem(hub.runtime.orm.em) as Em;
    const towns = [...referenceDirectory().municipalities.keys()]
      .filter((ags) => !['05970040', '05970004', '05970008', '05966024', '05913000'].includes(ags))
      .slice(0, 60);
    const now = new Date();
    for (const [i, ags] of towns.entries()) {
      for (const moduleId of moduleIds.values()) {
        em.persist(
          em.create(AdoptionEntity, {
            id: crypto.randomUUID(),
            moduleId,
            municipalityAgs: ags,
            status: STATUSES[i % 3]!,
            localNotes: null,
            links: [],
            createdAt: now,
            updatedAt: now,
            updatedBy: 'fixture',
          }),
        );
      }
    }
    await em.flush();
    expect(await hub.count('module_adoption')).toBe(546);
    expect([await count(STATISTICS), await count(LIST)]).toEqual(before);
    // One grouped statement per list, one batched lookup of the modules; the list and its count.
    expect(before).toEqual([3, 2]);
    const { byDistrict } = await statistics();
    expect(byDistrict.reduce((sum, d) => sum + d.adoptions, 0)).toBe(546);
  });
});

describe('module licences', () => {
  const UPDATE = `mutation($input: UpdateModuleInput!) { updateModule(input: $input) { slug licence } }`;

  it('lets coordinators choose or clear a licence from the list, and nobody else', async () => {
    const id = moduleIds.get('checkliste-qualitaetsstandards');
    expect(
      (await hub.gql(`{ module(slug: "checkliste-qualitaetsstandards") { licence } }`)).data!.module.licence,
    ).toBeNull();
    const editor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: ['05970040'] });
    expect(
      (await hub.gql(UPDATE, { token: editor, variables: { input: { id, licence: 'DL_DE_BY_2_0' } } })).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await hub.gql(UPDATE, { variables: { input: { id, licence: 'DL_DE_BY_2_0' } } })).errors?.[0].extensions?.code,
    ).toBe('UNAUTHENTICATED');
    const invented = await hub.gql(UPDATE, { token: coordinator, variables: { input: { id, licence: 'MIT' } } });
    expect(invented.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hub.count('module', `licence is not null`)).toBe(0);

    expect(
      (await hub.gql(UPDATE, { token: coordinator, variables: { input: { id, licence: 'DL_DE_BY_2_0' } } })).data!
        .updateModule,
    ).toEqual({ slug: 'checkliste-qualitaetsstandards', licence: 'DL_DE_BY_2_0' });
    // Omitted, it stays; null clears it.
    expect(
      (
        await hub.gql(UPDATE, {
          token: coordinator,
          variables: { input: { id, title: 'Checkliste Qualitätsstandards' } },
        })
      ).data!.updateModule.licence,
    ).toBe('DL_DE_BY_2_0');
    expect(
      (await hub.gql(UPDATE, { token: coordinator, variables: { input: { id, licence: null } } })).data!.updateModule
        .licence,
    ).toBeNull();
  });

  it('turns the former free-text licences into codes, or null where none is named, on the record', async () => {
    const em = forkForSystem(hub.runtime.orm.em) as Em;
    const given: Record<string, string> = {
      'quick-check': 'CC BY 4.0',
      willkommensmappe: 'dl-de/by-2-0',
      willkommenstasche: 'proprietär',
    };
    const modules = await em.find(ModuleEntity, { slug: { $in: Object.keys(given) } });
    for (const m of modules) m.licence = given[m.slug]!;
    await em.flush();

    const migration = new Migration20261203100000_licence(hub.runtime.orm.em.getDriver(), hub.runtime.orm.config);
    migration.up();
    for (const sql of migration.getQueries()) await hub.runtime.orm.em.getConnection().execute(sql as string);

    const { data } = await hub.gql(`{ modules(first: 50) { edges { node { slug licence } } } }`);
    const licences = Object.fromEntries(
      data!.modules.edges.map((e: { node: { slug: string; licence: string | null } }) => [e.node.slug, e.node.licence]),
    );
    expect({ q: licences['quick-check'], m: licences.willkommensmappe, t: licences.willkommenstasche }).toEqual({
      q: 'CC_BY_4_0',
      m: 'DL_DE_BY_2_0',
      t: null,
    });
    const trail = await hub.gql(
      `query($id: ID) { modulesAuditTrail(filter: { recordId: $id, action: UPDATE }, first: 200) { edges { node { subject changes { field oldValue newValue } } } } }`,
      {
        token: coordinator,
        variables: { id: moduleIds.get('willkommenstasche') },
      },
    );
    expect(trail.data!.modulesAuditTrail.edges.at(-1).node).toEqual({
      subject: 'system',
      changes: [{ field: 'licence', oldValue: 'proprietär', newValue: null }],
    });
  });
});

describe('entity references', () => {
  it('resolves a module reference with a malformed id to null', async () => {
    const { data, errors } = await hub.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Module { slug } } }`,
      {
        variables: { r: [{ __typename: 'Module', id: 'quick-check' }] },
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([null]);
  });
});
