import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Em } from '@welcome-hub/kit';
import { devToken, roleCallers, type PolicyRole } from '@welcome-hub/kit/testing';
import { PracticeEntity, type PracticeRow } from '../src/practice/practice.entity.js';
import { isVisible, visiblePractices, type PracticeScope } from '../src/practice/practice.visibility.js';
import { practiceInput, startPractices, type SubgraphUnderTest } from './support.js';

const OLPE = '05966024';
const SIEGEN = '05970040';
const CREATE = `mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id } }`;
const ARCHIVE = `mutation($id: ID!) { archivePractice(id: $id) { id } }`;

let hub: SubgraphUnderTest;

beforeAll(async () => {
  hub = await startPractices();
  const coordinator = await devToken({ sub: 'coordinator', role: 'coordinator' });
  const create = async (slug: string, owner: Record<string, string>, draft: boolean, archived = false) => {
    const { data, errors } = await hub.gql(CREATE, {
      token: coordinator,
      variables: { input: practiceInput({ slug, owner, draft }) },
    });
    expect(errors).toBeUndefined();
    if (archived)
      expect(
        (await hub.gql(ARCHIVE, { token: coordinator, variables: { id: data!.createPractice.id } })).errors,
      ).toBeUndefined();
  };
  await create('entwurf-olpe', { ags: OLPE }, true);
  await create('entwurf-siegen', { ags: SIEGEN }, true);
  await create('entwurf-kooperation', { cooperation: 'qualitaetsoffensive-willkommen-suedwestfalen' }, true);
  await create('archiv-olpe', { ags: OLPE }, false, true);
  await create('archivierter-entwurf-olpe', { ags: OLPE }, true, true);
});
afterAll(() => hub?.close());

describe('practice visibility, written once', () => {
  const callers = roleCallers(OLPE, SIEGEN);

  it('selects in SQL exactly the practices the single-record check lets each caller see', async () => {
    const em = hub.runtime.orm.em.fork() as Em;
    const all: PracticeRow[] = await em.find(PracticeEntity, {});
    for (const [role, caller] of Object.entries(callers)) {
      for (const scope of ['listed', 'addressable'] as PracticeScope[]) {
        const selected = (await em.find(PracticeEntity, visiblePractices(caller, scope) as never))
          .map((p) => p.slug)
          .sort();
        const checked = all
          .filter((p) => isVisible(caller, p, scope))
          .map((p) => p.slug)
          .sort();
        expect({ role, scope, slugs: selected }).toEqual({ role, scope, slugs: checked });
      }
    }
  });

  it("lists a municipality's practices through the federation entry point as the filtered list does, for each role", async () => {
    const OWNED = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { ags practices { totalCount edges { node { slug } } } } } }`;
    const LIST = `query($ags: ID) { practices(first: 100, filter: { municipality: $ags }) { edges { node { slug } } } }`;
    const slugs = (connection: { edges: { node: { slug: string } }[] }) => connection.edges.map((e) => e.node.slug);
    for (const [role, caller] of Object.entries(callers)) {
      const token =
        caller.kind === 'user'
          ? await devToken({ sub: caller.sub, role: caller.role, ags: [...caller.ags] })
          : undefined;
      const owned = await hub.gql(OWNED, {
        token,
        variables: { r: [OLPE, SIEGEN].map((ags) => ({ __typename: 'Municipality', ags })) },
      });
      expect(owned.errors).toBeUndefined();
      for (const [i, ags] of [OLPE, SIEGEN].entries()) {
        const listed = await hub.gql(LIST, { token, variables: { ags } });
        expect(listed.errors).toBeUndefined();
        const entity = owned.data!._entities[i];
        expect({ role, ags, slugs: slugs(entity.practices) }).toEqual({
          role,
          ags,
          slugs: slugs(listed.data!.practices),
        });
        expect(entity.practices.totalCount).toBe(entity.practices.edges.length);
      }
    }
    // What the roles see differs: the check above compares something.
    const anonymous = await hub.gql(OWNED, { variables: { r: [{ __typename: 'Municipality', ags: OLPE }] } });
    expect(slugs(anonymous.data!._entities[0].practices)).not.toContain('entwurf-olpe');
    const editor = await hub.gql(OWNED, {
      token: await devToken({ sub: `editor-${OLPE}`, role: 'editor', ags: [OLPE] }),
      variables: { r: [{ __typename: 'Municipality', ags: OLPE }] },
    });
    expect(slugs(editor.data!._entities[0].practices)).toContain('entwurf-olpe');
  });

  it('shows drafts to their owner and coordinators, and archived practices only when addressed', async () => {
    const em = hub.runtime.orm.em.fork() as Em;
    const rows = new Map((await em.find(PracticeEntity, {})).map((p) => [p.slug, p]));
    const sees = (role: PolicyRole, scope: PracticeScope) => (slug: string) =>
      isVisible(callers[role], rows.get(slug)!, scope);
    const drafts = ['entwurf-olpe', 'entwurf-siegen', 'entwurf-kooperation'];
    expect(drafts.filter(sees('anonymous', 'addressable'))).toEqual([]);
    expect(drafts.filter(sees('ownEditor', 'addressable'))).toEqual(['entwurf-olpe']);
    expect(drafts.filter(sees('otherEditor', 'addressable'))).toEqual(['entwurf-siegen']);
    expect(drafts.filter(sees('coordinator', 'addressable'))).toEqual(drafts);
    expect(sees('anonymous', 'addressable')('archiv-olpe')).toBe(true);
    expect(sees('anonymous', 'listed')('archiv-olpe')).toBe(false);
    expect(sees('ownEditor', 'addressable')('archivierter-entwurf-olpe')).toBe(true);
    expect(sees('ownEditor', 'listed')('archivierter-entwurf-olpe')).toBe(false);
    expect(sees('otherEditor', 'addressable')('archivierter-entwurf-olpe')).toBe(false);
  });
});
