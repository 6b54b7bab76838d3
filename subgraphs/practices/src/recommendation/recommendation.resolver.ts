import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import { InputValidator } from '@welcome-hub/kit';
import { knownMunicipality, referenceDirectory } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import type { PracticeRow } from '../practice/practice.entity.js';
import { Practice } from '../practice/practice.type.js';
import { rank } from './ranking.js';
import { CriterionRef, PracticeRecommendation } from './recommendation.type.js';

@Resolver(() => CriterionRef)
export class CriterionPracticesResolver {
  @FieldResolver(() => [PracticeRecommendation], {
    nullable: true,
    description:
      'Practices of other owners that address this criterion, best first; ranked for `forMunicipality` by similar size, nearness and reuse.',
  })
  async practices(
    @Root() criterion: CriterionRef,
    @Arg('forMunicipality', () => ID, {
      nullable: true,
      description: 'AGS to rank for; its own practices are left out.',
    })
    forMunicipality: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1 to 50 (default 5).' }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    const v = new InputValidator();
    const target = forMunicipality == null ? undefined : knownMunicipality(v, forMunicipality, 'forMunicipality');
    if (first != null) v.between(first, 'first', 1, 50);
    v.throwIfInvalid();
    const directory = referenceDirectory();
    const candidates = (await ctx.loaders.practicesByCriterion.load(criterion.key)).filter(
      (p) => p.ownerAgs !== forMunicipality,
    );
    const reuse = await ctx.loaders.reuseCount.loadMany(candidates.map((p) => p.id));
    return candidates
      .map((practice, i) => ({
        practice,
        reuseCount: typeof reuse[i] === 'number' ? (reuse[i] as number) : 0,
        ...rank({
          target,
          owner: practice.ownerAgs ? directory.municipalities.get(practice.ownerAgs) : undefined,
          reuseCount: typeof reuse[i] === 'number' ? (reuse[i] as number) : 0,
        }),
      }))
      .sort((a, b) => b.score - a.score || a.practice.title.localeCompare(b.practice.title, 'de'))
      .slice(0, first ?? 5);
  }
}

@Resolver(() => Practice)
export class PracticeCriteriaResolver {
  @FieldResolver(() => [CriterionRef], {
    nullable: true,
    description:
      'Quick-Check criteria it addresses, resolved by the modules subgraph (`inCatalogue` is false for a key the catalogue lacks).',
  })
  criteria(@Root() p: PracticeRow): CriterionRef[] {
    return p.criteria.map((key) => ({ key }));
  }
}

export const criterionReference = {
  Criterion: { __resolveReference: (ref: { key: string }) => ({ key: ref.key }) },
};
