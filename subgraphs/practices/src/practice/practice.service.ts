import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ConflictError,
  InputValidator,
  NotFoundError,
  districtCodeSchema,
  pageWindow,
  requireUser,
  subjectOf,
  toConnection,
  type ConnectionResult,
  type PageArgs,
} from '@welcome-hub/kit';
import { knownCooperation, knownMunicipality } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import { practicesPolicy as policy } from '../policy.js';
import { PracticeEntity, type PracticeRow } from './practice.entity.js';
import type { PracticeOrder } from './practice.order.js';
import { findPractice, findPracticePage } from './practice.repository.js';
import type { CreatePracticeInput, PracticeFilter, PracticeOwnerInput, UpdatePracticeInput } from './practice.type.js';
import { checkContent, checkSlug } from './practice.validation.js';
import { isVisible, visiblePractices } from './practice.visibility.js';

/** Owner columns from the reference data; unknown owners are BAD_USER_INPUT. */
export function resolveOwner(v: InputValidator, owner: PracticeOwnerInput, field: string) {
  const hasAgs = owner.ags != null;
  const hasCooperation = owner.cooperation != null;
  v.check(hasAgs !== hasCooperation, field, 'must name exactly one of ags or cooperation');
  if (hasAgs && !hasCooperation) {
    const municipality = knownMunicipality(v, owner.ags!, `${field}.ags`);
    return municipality
      ? {
          ownerAgs: owner.ags!,
          ownerCooperation: null,
          ownerRegion: municipality.region,
          ownerDistrict: municipality.districtCode,
        }
      : null;
  }
  if (hasCooperation && !hasAgs) {
    const cooperation = knownCooperation(v, owner.cooperation!, `${field}.cooperation`);
    v.check(
      cooperation?.region != null || cooperation === undefined,
      `${field}.cooperation`,
      'this cooperation has no region',
    );
    return cooperation?.region
      ? { ownerAgs: null, ownerCooperation: owner.cooperation!, ownerRegion: cooperation.region, ownerDistrict: null }
      : null;
  }
  return null;
}

export async function getPracticeBySlug(ctx: Context, slug: string): Promise<PracticeRow | null> {
  const practice = await ctx.loaders.practiceBySlug.load(slug);
  return practice && isVisible(ctx.caller, practice) ? practice : null;
}

export async function listPractices(
  ctx: Context,
  filter: PracticeFilter | null | undefined,
  page: PageArgs,
  order?: PracticeOrder | null,
): Promise<ConnectionResult<PracticeRow>> {
  const window = pageWindow(page);
  const v = new InputValidator();
  if (filter?.municipality != null) v.ags(filter.municipality, 'filter.municipality', 'must be an 8-digit AGS');
  if (filter?.district != null) v.rule(districtCodeSchema, filter.district, 'filter.district');
  v.throwIfInvalid();
  const visible = visiblePractices(ctx.caller, filter?.includeArchived ? 'addressable' : 'listed');
  const { rows, total } = await findPracticePage(ctx.em, filter ?? {}, visible, window, order);
  for (const row of rows) ctx.loaders.practice.prime(row.id, row);
  return toConnection(rows, total, window);
}

/** Loads a practice the caller may change: UNAUTHENTICATED, BAD_USER_INPUT, NOT_FOUND or FORBIDDEN otherwise. */
export async function loadForWrite(ctx: Context, id: string, field: string): Promise<PracticeRow> {
  requireUser(ctx.caller);
  new InputValidator().uuid(id, field, 'a practice').throwIfInvalid();
  const practice = await findPractice(ctx.em, id);
  if (!practice) throw new NotFoundError('Practice', id);
  // FORBIDDEN even for another municipality's draft: ids are unguessable, and the caller learns why.
  policy.require(ctx.caller, 'practice:write', practice);
  return practice;
}

/** What a new practice must have; everything else starts empty. */
export type NewPracticeFields = Pick<
  PracticeRow,
  | 'slug'
  | 'ownerAgs'
  | 'ownerCooperation'
  | 'ownerRegion'
  | 'ownerDistrict'
  | 'title'
  | 'summary'
  | 'kind'
  | 'targetGroups'
  | 'fieldsOfAction'
> &
  Partial<PracticeRow>;

/**
 * Creates (not yet flushed) a practice row stamped with the caller. Its id, timestamps and
 * what every practice starts with (empty lists, not a draft, facts unknown) come from the
 * entity, which declares them as the migration's SQL defaults do.
 */
export function newPractice(ctx: Context, fields: NewPracticeFields): PracticeRow {
  const subject = subjectOf(ctx.caller);
  return ctx.em.create(PracticeEntity, { createdBy: subject, updatedBy: subject, ...fields });
}

/** Flushes, turning a duplicate slug (also from a concurrent write) into CONFLICT. */
export async function flushPractice(ctx: Context, slug: string): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new ConflictError(`A practice with the slug "${slug}" already exists.`, { field: 'input.slug' });
    throw error;
  }
}

export async function createPractice(ctx: Context, input: CreatePracticeInput): Promise<PracticeRow> {
  requireUser(ctx.caller);
  const v = new InputValidator();
  const slug = checkSlug(v, input.slug, 'input.slug');
  const owner = resolveOwner(v, input.owner, 'input.owner');
  const content = checkContent(v, input, true);
  v.throwIfInvalid();
  policy.require(ctx.caller, 'practice:write', owner!);
  if (await ctx.loaders.practiceBySlug.load(slug))
    throw new ConflictError(`A practice with the slug "${slug}" already exists.`, { field: 'input.slug' });

  const practice = newPractice(ctx, { slug, ...owner!, ...content } as NewPracticeFields);
  ctx.em.persist(practice);
  await flushPractice(ctx, slug);
  return practice;
}

export async function updatePractice(ctx: Context, input: UpdatePracticeInput): Promise<PracticeRow> {
  const practice = await loadForWrite(ctx, input.id, 'input.id');
  const v = new InputValidator();
  const patch = checkContent(v, input, false, practice);
  v.throwIfInvalid();
  if (practice.archivedAt) throw new ConflictError('An archived practice cannot be changed.');
  Object.assign(practice, patch, { updatedBy: subjectOf(ctx.caller) });
  await flushPractice(ctx, practice.slug);
  return practice;
}

export async function archivePractice(ctx: Context, id: string): Promise<PracticeRow> {
  const practice = await loadForWrite(ctx, id, 'id');
  if (practice.archivedAt) throw new ConflictError('This practice is already archived.');
  // The flush stamps `updatedAt` too (the entity's onUpdate).
  practice.archivedAt = new Date();
  practice.updatedBy = subjectOf(ctx.caller);
  await ctx.em.flush();
  return practice;
}
