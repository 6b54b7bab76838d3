import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { forkForSystem } from '@welcome-hub/kit';
import { devToken } from '@welcome-hub/kit/testing';
import { PracticeEntity } from '../src/practice/practice.entity.js';
import { CREATE, OLPE, practiceInput, slugsOf, startPractices, type SubgraphUnderTest, UPDATE } from './support.js';

let hub: SubgraphUnderTest;
let olpeEditor: string;
let siegenEditor: string;

beforeAll(async () => {
  hub = await startPractices();
  olpeEditor = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
  siegenEditor = await devToken({ sub: 'editor-siegen', role: 'editor', ags: ['05970040'] });
});
afterAll(() => hub?.close());

const slugs = (filter: string, token?: string) => slugsOf(hub, filter, token);

describe('hostile and unusual input', () => {
  it('stores list entries exactly as given, including "NULL", commas, quotes and braces', async () => {
    const tags = ['NULL', 'null', 'a,b', 'Zitat "X"', '{Klammer}', 'Back\\slash'];
    const input = practiceInput({ slug: 'tags-wie-gegeben', title: 'Tags wie gegeben', tags });
    const { errors } = await hub.gql(CREATE, { token: olpeEditor, variables: { input } });
    expect(errors).toBeUndefined();
    const { data } = await hub.gql(`{ practice(slug: "tags-wie-gegeben") { tags } }`);
    expect(data!.practice.tags).toEqual(tags);
    expect(await slugs('{ municipality: "05966024", targetGroup: FAMILIES }')).toContain('tags-wie-gegeben');
  });

  it('refuses the NUL character, in variables and in the query text, and writes nothing', async () => {
    const before = await hub.count('practice');
    const viaVariable = await hub.gql(CREATE, {
      token: olpeEditor,
      variables: { input: practiceInput({ slug: 'nul-zeichen', title: 'Mit\u0000NUL' }) },
    });
    expect(viaVariable.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.title' }],
    });
    const inline = await hub.gql(`{ practice(slug: "a\\u0000b") { id } }`);
    expect(inline.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hub.count('practice')).toBe(before);
  });

  it('refuses a forged cursor beyond any list', async () => {
    const after = Buffer.from('offset:99999999999999999999', 'utf8').toString('base64url');
    const { errors } = await hub.gql(`query($after: String) { practices(after: $after) { totalCount } }`, {
      variables: { after },
    });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });

  it('resolves entity references with a malformed id to null', async () => {
    const { data, errors } = await hub.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Practice { slug } } }`,
      {
        variables: { r: [{ __typename: 'Practice', id: 'not-a-uuid' }] },
      },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([null]);
  });

  it('gives an adaptation of a long slug a default slug ending in the AGS, without a dangling hyphen', async () => {
    const longSlug = `${'a'.repeat(110)}-b-c-defgh`; // 120 characters: cutting at 110 would leave "a…a-"
    const created = await hub.gql(CREATE, {
      token: siegenEditor,
      variables: { input: practiceInput({ owner: { ags: '05970040' }, slug: longSlug, title: 'Langer Slug' }) },
    });
    expect(created.errors).toBeUndefined();
    const adapt = `mutation($input: AdaptPracticeInput!) { adaptPractice(input: $input) { slug } }`;
    const { data, errors } = await hub.gql(adapt, {
      token: olpeEditor,
      variables: { input: { sourceId: created.data!.createPractice.id, ags: OLPE, changes: 'Übernommen' } },
    });
    expect(errors).toBeUndefined();
    expect(data!.adaptPractice.slug).toBe(`${'a'.repeat(110)}-${OLPE}`);
    expect(data!.adaptPractice.slug.length).toBeLessThanOrEqual(120);
  });
});

describe('search outbox', () => {
  it('writes one outbox row with each committed change, none with a refused one', async () => {
    const outbox = () => hub.count('search_outbox');
    const before = await outbox();
    const input = practiceInput({ slug: 'outbox-test', title: 'Outbox-Test' });
    const created = await hub.gql(CREATE, { token: olpeEditor, variables: { input } });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createPractice.id;
    expect(await outbox()).toBe(before + 1);
    expect(await hub.count('search_outbox', `entity_key = '${id}'`)).toBe(1);

    // Refused: a duplicate slug (CONFLICT) and bad input write neither the practice nor a row.
    expect((await hub.gql(CREATE, { token: olpeEditor, variables: { input } })).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
    expect(
      (await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, title: '' } } })).errors?.[0].extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await hub.gql(UPDATE, { token: siegenEditor, variables: { input: { id, title: 'Fremd' } } })).errors?.[0]
        .extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await outbox()).toBe(before + 1);

    expect(
      (await hub.gql(UPDATE, { token: olpeEditor, variables: { input: { id, title: 'Outbox-Test, geändert' } } }))
        .errors,
    ).toBeUndefined();
    expect(await hub.count('search_outbox', `entity_key = '${id}'`)).toBe(2);
  });
  it('writes the outbox row in the transaction of the change: seen inside it, gone when it rolls back', async () => {
    const before = await hub.count('search_outbox');
    const existing = await hub.runtime.orm.em.fork().findOneOrFail(PracticeEntity, { slug: 'willkommen-in-siegen' });
    const now = new Date();
    const rollback = new Error('roll back on purpose');
    await expect(
      forkForSystem(hub.runtime.orm.em).transactional(async (em) => {
        em.create(PracticeEntity, {
          ...existing,
          id: crypto.randomUUID(),
          slug: 'outbox-rollback',
          createdAt: now,
          updatedAt: now,
        });
        await em.flush();
        const [inside] = (await em.execute(`select count(*)::int as n from "practices"."search_outbox"`)) as {
          n: number;
        }[];
        expect(inside.n).toBe(before + 1);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await hub.count('search_outbox')).toBe(before);
    expect(await hub.count('practice', `slug = 'outbox-rollback'`)).toBe(0);
  });
});
