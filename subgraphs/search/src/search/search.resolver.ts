import { Arg, Args, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { defaultAnalyzer } from '@welcome-hub/search-engine';
import type { Context } from '../context.js';
import { searchRecords, similarRecords, suggestTitles } from './search.service.js';
import { SearchArgs, SearchConnection, SearchHit, SearchSuggestion } from './search.type.js';

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, {
    nullable: true,
    description:
      'Full-text search over municipalities, practices, modules and events, in German: compounds, typos, umlauts as ae/oe/ue and synonyms are understood.',
  })
  search(@Args(() => SearchArgs) args: SearchArgs, @Ctx() ctx: Context) {
    return searchRecords(ctx.searchEngine, defaultAnalyzer(), args);
  }

  @Query(() => [SearchSuggestion], {
    nullable: true,
    description: 'Search-as-you-type: titles matching what was typed so far, best first.',
  })
  suggest(
    @Arg('prefix', { description: 'What was typed so far, 1 to 200 characters.' }) prefix: string,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1 to 20 (default 8).' }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return suggestTitles(ctx.searchEngine, prefix, first);
  }

  @Query(() => [SearchHit], {
    nullable: true,
    description:
      'More like this: records most similar to the given one (an AGS or a record id); empty when it is not indexed.',
  })
  similar(
    @Arg('id', () => ID, { description: 'AGS of a municipality, or the id of a practice, module or event.' })
    id: string,
    @Arg('first', () => Int, { nullable: true, description: 'How many, 1 to 20 (default 5).' }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return similarRecords(ctx.searchEngine, defaultAnalyzer(), id, first);
  }
}
