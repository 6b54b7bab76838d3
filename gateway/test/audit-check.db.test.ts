import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { forkForSystem, type Em } from '@welcome-hub/kit';
import { devToken, startTestSubgraph, unauditedRecords, type SubgraphUnderTest } from '@welcome-hub/kit/testing';
import { subgraphs } from '@welcome-hub/schema';

// The check every test subgraph and test hub runs when it closes: it must catch a write of
// an audited table whatever made it, also on a record that has audit entries already.
const practices = subgraphs.find((s) => s.name === 'practices')!;
const OLPE = '05966024';
let sub: SubgraphUnderTest;
let closed = false;

beforeAll(async () => {
  sub = await startTestSubgraph(practices);
});
afterAll(async () => {
  if (!closed) await sub?.close();
});

const idOf = async (slug: string) =>
  ((await sub.gql(`{ practice(slug: "${slug}") { id } }`)).data!.practice as { id: string }).id;
const system = () => forkForSystem(sub.runtime.orm.em) as Em;
const Practice = () =>
  [...sub.runtime.orm.getMetadata().getAll().values()].find((m) => m.className === 'Practice')!.class;
const sql = (statement: string) => sub.runtime.orm.em.getConnection().execute(statement);

describe('the unaudited-write check', () => {
  it('passes on the seeded database: the seed recorded what it loaded', async () => {
    expect(await unauditedRecords(sub.runtime.orm, practices.model)).toEqual([]);
  });

  it('names every write around the unit of work, and close() fails with them', async () => {
    const olpe = await devToken({ sub: 'editor-olpe', role: 'editor', ags: [OLPE] });
    const created = await sub.gql(`mutation($input: CreatePracticeInput!) { createPractice(input: $input) { id } }`, {
      token: olpe,
      variables: {
        input: {
          owner: { ags: OLPE },
          slug: 'check-olpe',
          title: 'Prüfung in Olpe',
          summary: 'Ein Datensatz, den der Test hinterher roh ändert.',
          kind: 'OTHER',
          targetGroups: ['FAMILIES'],
          fieldsOfAction: ['NEW_HOME'],
        },
      },
    });
    expect(created.errors).toBeUndefined();
    const apiWritten = created.data!.createPractice.id as string;
    const interest = await sub.gql(
      `mutation($input: MarkInterestInput!) { markInterest(input: $input) { createdAt } }`,
      {
        token: olpe,
        variables: { input: { practiceId: await idOf('deine-zukunft-findet-stadt'), ags: OLPE } },
      },
    );
    expect(interest.errors).toBeUndefined();
    const ids = Object.fromEntries(
      await Promise.all(
        [
          'willkommen-in-siegen',
          'lokal-willkommen-dortmund',
          'welcome-ruhr',
          'deine-zukunft-findet-stadt',
          'neubuerger-empfaenge-ungewoehnliche-orte',
        ].map(async (slug) => [slug, await idOf(slug)]),
      ),
    );
    const [{ id: interestId }] = (await sql(`select id from "practices"."practice_interest"`)) as { id: string }[];

    // A record created through the API, then changed by raw SQL, which a later audited write does not cover up.
    await sql(`update "practices"."practice" set title = 'Roh geändert' where id = '${apiWritten}'`);
    const covering = system();
    (
      (await covering.findOneOrFail(Practice(), { id: apiWritten })) as { lessonsLearned: string | null }
    ).lessonsLearned = 'Danach durch den Flush.';
    await covering.flush();
    // MikroORM's native and QueryBuilder updates, even on a system fork.
    await system().nativeUpdate(Practice(), { slug: 'willkommen-in-siegen' }, { lessonsLearned: 'Am Flush vorbei.' });
    await system()
      .createQueryBuilder(Practice())
      .update({ effortNotes: 'Am Flush vorbei.' })
      .where({ slug: 'lokal-willkommen-dortmund' })
      .execute();
    // Only a stamp.
    await sql(`update "practices"."practice" set updated_at = now() where slug = 'welcome-ruhr'`);
    // A delete, and the database's cascade to the interest in it.
    await sql(`delete from "practices"."practice" where slug = 'deine-zukunft-findet-stadt'`);
    // An audited write for comparison.
    const audited = system();
    (
      (await audited.findOneOrFail(Practice(), { slug: 'neubuerger-empfaenge-ungewoehnliche-orte' })) as {
        lessonsLearned: string | null;
      }
    ).lessonsLearned = 'Durch den Flush.';
    await audited.flush();

    const expected = [
      `Practice ${apiWritten}: written without an audit entry`,
      `Practice ${ids['willkommen-in-siegen']}: written without an audit entry`,
      `Practice ${ids['lokal-willkommen-dortmund']}: written without an audit entry`,
      `Practice ${ids['welcome-ruhr']}: written without an audit entry`,
      `Practice ${ids['deine-zukunft-findet-stadt']}: gone without a delete entry`,
      `PracticeInterest ${interestId}: gone without a delete entry`,
    ];
    expect((await unauditedRecords(sub.runtime.orm, practices.model)).sort()).toEqual(expected.sort());
    closed = true;
    await expect(sub.close()).rejects.toThrow(/^Unaudited writes: .*Practice .*: written without an audit entry/);
  });
});
