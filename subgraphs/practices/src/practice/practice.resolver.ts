import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, RegionCode, type ConnectionResult, isUuid } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { CooperationRef, MunicipalityRef } from '../federation/references.js';
import type { PracticesAction } from '../policy.js';
import {
  FIELD_OF_ACTION_LABELS,
  PRACTICE_KIND_LABELS,
  TARGET_GROUP_LABELS,
  VocabularyTerm,
  terms,
} from '../shared/vocabulary.js';
import type { ContactRecord, PracticeRow } from './practice.entity.js';
import { PracticeOrder } from './practice.order.js';
import {
  archivePractice,
  createPractice,
  getPracticeBySlug,
  listPractices,
  updatePractice,
} from './practice.service.js';
import {
  CreatePracticeInput,
  Practice,
  PracticeConnection,
  PracticeContact,
  PracticeFilter,
  UpdatePracticeInput,
} from './practice.type.js';
import { isVisible } from './practice.visibility.js';

@Resolver(() => Practice)
export class PracticeResolver {
  @Query(() => Practice, {
    nullable: true,
    description: 'One practice by slug; null when unknown or a draft you may not see.',
  })
  practice(@Arg('slug', { description: 'e.g. "willkommen-in-siegen".' }) slug: string, @Ctx() ctx: Context) {
    return getPracticeBySlug(ctx, slug);
  }

  @Query(() => PracticeConnection, {
    nullable: true,
    description:
      'Practices, filtered, ordered (by title unless `orderBy` says otherwise) and paged; archived ones only on request.',
  })
  practices(
    @Arg('filter', () => PracticeFilter, { nullable: true, description: 'Conditions; all must hold.' })
    filter: PracticeFilter | null,
    @Arg('orderBy', () => PracticeOrder, { nullable: true, description: 'Order of the list; default TITLE.' })
    orderBy: PracticeOrder | null,
    @Args() page: PageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<PracticeRow>> {
    return listPractices(ctx, filter, page, orderBy);
  }

  @Query(() => [VocabularyTerm], { nullable: true, description: 'The target-group vocabulary with German labels.' })
  targetGroups(): VocabularyTerm[] {
    return terms(TARGET_GROUP_LABELS);
  }

  @Query(() => [VocabularyTerm], { nullable: true, description: 'The fields-of-action vocabulary with German labels.' })
  fieldsOfAction(): VocabularyTerm[] {
    return terms(FIELD_OF_ACTION_LABELS);
  }

  @Query(() => [VocabularyTerm], { nullable: true, description: 'The practice-kind vocabulary with German labels.' })
  practiceKinds(): VocabularyTerm[] {
    return terms(PRACTICE_KIND_LABELS);
  }

  @Mutation(() => Practice, {
    description: 'Creates a practice. Editors for their municipalities; coordinators also for cooperations.',
  })
  createPractice(
    @Arg('input', () => CreatePracticeInput, { description: 'The new practice.' }) input: CreatePracticeInput,
    @Ctx() ctx: Context,
  ) {
    return createPractice(ctx, input);
  }

  @Mutation(() => Practice, { description: 'Changes a practice. Editors of its municipality and coordinators only.' })
  updatePractice(
    @Arg('input', () => UpdatePracticeInput, { description: 'What to change.' }) input: UpdatePracticeInput,
    @Ctx() ctx: Context,
  ) {
    return updatePractice(ctx, input);
  }

  @Mutation(() => Practice, {
    description:
      'Archives a practice: hidden from lists, kept for its lineage. Editors of its municipality and coordinators only.',
  })
  archivePractice(@Arg('id', () => ID, { description: 'The practice to archive.' }) id: string, @Ctx() ctx: Context) {
    return archivePractice(ctx, id);
  }

  @FieldResolver(() => RegionCode, { description: "The owner's region." })
  region(@Root() p: PracticeRow): string {
    return p.ownerRegion;
  }

  @FieldResolver(() => MunicipalityRef, {
    nullable: true,
    description: 'The owning municipality; null when a cooperation owns it.',
  })
  municipality(@Root() p: PracticeRow): MunicipalityRef | null {
    return p.ownerAgs ? { ags: p.ownerAgs } : null;
  }

  @FieldResolver(() => CooperationRef, {
    nullable: true,
    description: 'The owning cooperation; null when a municipality owns it.',
  })
  cooperation(@Root() p: PracticeRow): CooperationRef | null {
    return p.ownerCooperation ? { slug: p.ownerCooperation } : null;
  }

  @Authorized<PracticesAction>('practice:read-personal')
  @FieldResolver(() => [PracticeContact], {
    nullable: true,
    description: 'Contact persons; null for anonymous callers (personal data).',
  })
  contacts(@Root() p: PracticeRow): ContactRecord[] {
    return p.contacts;
  }

  @Authorized<PracticesAction>('practice:read-personal')
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Who changed it last (token subject); null for anonymous callers.',
  })
  updatedBy(@Root() p: PracticeRow): string {
    return p.updatedBy;
  }
}

export const practiceReference = {
  Practice: {
    __resolveReference: async (ref: { id: string }, ctx: Context) => {
      if (!isUuid(ref.id)) return null;
      const practice = await ctx.loaders.practice.load(ref.id);
      return practice && isVisible(ctx.caller, practice) ? practice : null;
    },
  },
};
