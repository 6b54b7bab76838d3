import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, pageWindow, toConnection, type ConnectionResult } from '@welcome-hub/kit';
import { CooperationRef, MunicipalityRef } from './references.js';
import type { Context } from '../context.js';
import type { PracticeRow } from '../practice/practice.entity.js';
import { Practice, PracticeConnection } from '../practice/practice.type.js';

/** Pages through one owner's practices; all owners of a request load in one statement. */
function page(rows: PracticeRow[], args: PageArgs): ConnectionResult<PracticeRow> {
  const window = pageWindow(args);
  return toConnection(rows.slice(window.offset, window.offset + window.limit), rows.length, window);
}

@Resolver(() => MunicipalityRef)
export class MunicipalityPracticesResolver {
  @FieldResolver(() => PracticeConnection, {
    nullable: true,
    description: "The municipality's practices (unarchived), by title.",
  })
  async practices(
    @Root() m: MunicipalityRef,
    @Args() args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<PracticeRow>> {
    return page(await ctx.loaders.practicesByMunicipality.load(m.ags), args);
  }

  @FieldResolver(() => [Practice], {
    nullable: true,
    description: "The municipality's practices that adapt another's concept.",
  })
  async adaptedPractices(@Root() m: MunicipalityRef, @Ctx() ctx: Context): Promise<PracticeRow[]> {
    // `!= null`: a practice created in this request holds no adaptation as undefined until reloaded.
    return (await ctx.loaders.practicesByMunicipality.load(m.ags)).filter((p) => p.adaptedFromId != null);
  }
}

@Resolver(() => CooperationRef)
export class CooperationPracticesResolver {
  @FieldResolver(() => PracticeConnection, {
    nullable: true,
    description: "The cooperation's own practices (unarchived), by title.",
  })
  async practices(
    @Root() c: CooperationRef,
    @Args() args: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<PracticeRow>> {
    return page(await ctx.loaders.practicesByCooperation.load(c.slug), args);
  }
}
