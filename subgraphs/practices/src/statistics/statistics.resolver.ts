import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { InputValidator, RegionCode } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import type { PracticeRow } from '../practice/practice.entity.js';
import { PracticeOrder } from '../practice/practice.order.js';
import { findPracticePage } from '../practice/practice.repository.js';
import { PUBLIC_PRACTICES } from '../practice/practice.visibility.js';
import { FIELD_OF_ACTION_LABELS, PRACTICE_KIND_LABELS, TARGET_GROUP_LABELS } from '../shared/vocabulary.js';
import { countPublicPractices } from './statistics.repository.js';
import {
  PracticeRankingCriterion,
  PracticeStatistics,
  RankedPractice,
  type PracticeTermCount,
} from './statistics.type.js';

/** A RankedPractice before its practice's fields are resolved. */
type RankedRow = Omit<RankedPractice, 'practice'> & { practice: PracticeRow };

/** At most this many places in one ranking. */
const MAX_RANKING = 50;

const counted = (labels: Record<string, string>, counts: Map<string, number>): PracticeTermCount[] =>
  Object.entries(labels).map(([code, label]) => ({ term: { code, label }, practices: counts.get(code) ?? 0 }));

/** Dashboard figures over the public practices: the same for every caller, so they cache. */
@Resolver()
export class PracticeStatisticsResolver {
  @Query(() => PracticeStatistics, {
    description:
      'Counts of the public practices by field of action, target group, kind and region (drafts and archived practices never count).',
  })
  async practiceStatistics(@Ctx() ctx: Context): Promise<PracticeStatistics> {
    const counts = await countPublicPractices(ctx.em);
    return {
      total: counts.total,
      byFieldOfAction: counted(FIELD_OF_ACTION_LABELS, counts.fieldsOfAction),
      byTargetGroup: counted(TARGET_GROUP_LABELS, counts.targetGroups),
      byKind: counted(PRACTICE_KIND_LABELS, counts.kinds),
      byRegion: Object.values(RegionCode).map((region) => ({ region, practices: counts.regions.get(region) ?? 0 })),
    };
  }

  @Query(() => [RankedPractice], {
    description:
      'The public practices most reused or most marked as interesting, best first (ties by title); practices with a count of 0 are left out.',
  })
  async practiceRanking(
    @Arg('by', () => PracticeRankingCriterion, { description: 'What to rank by.' }) by: PracticeRankingCriterion,
    @Arg('first', () => Int, { defaultValue: 5, description: `How many places, 1 to ${MAX_RANKING}; default 5.` })
    first: number,
    @Ctx() ctx: Context,
  ): Promise<RankedRow[]> {
    new InputValidator().between(first, 'first', 1, MAX_RANKING).throwIfInvalid();
    const order = by === PracticeRankingCriterion.REUSE ? PracticeOrder.REUSE : PracticeOrder.INTEREST;
    const { rows } = await findPracticePage(ctx.em, {}, PUBLIC_PRACTICES, { offset: 0, limit: first }, order);
    const [reuse, interests] = await Promise.all([
      ctx.loaders.reuseCount.loadMany(rows.map((r) => r.id)),
      ctx.loaders.interests.loadMany(rows.map((r) => r.id)),
    ]);
    const ranked = rows.map((practice, i) => {
      ctx.loaders.practice.prime(practice.id, practice);
      const adaptations = reuse[i] as number;
      const interested = (interests[i] as unknown[]).length;
      return { practice, adaptations, interestedMunicipalities: interested };
    });
    return ranked
      .filter((r) => (by === PracticeRankingCriterion.REUSE ? r.adaptations : r.interestedMunicipalities) > 0)
      .map((r, i) => ({ ...r, rank: i + 1 }));
  }
}
