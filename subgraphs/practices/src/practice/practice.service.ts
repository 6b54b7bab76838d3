import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ConflictError,
  ForbiddenError,
  InputValidator,
  NotFoundError,
  mayWriteFor,
  pageWindow,
  requireUser,
  toConnection,
  type Caller,
  type ConnectionResult,
  type PageArgs,
} from '@welcome-hub/kit';
import { referenceDirectory } from '@welcome-hub/seed';
import type { Context } from '../context.js';
import { viewerOf } from '../shared/viewer.js';
import { PracticeEntity, type PracticeRow } from './practice.entity.js';
import { findPracticePage } from './practice.repository.js';
import type { CreatePracticeInput, PracticeFilter, PracticeOwnerInput, UpdatePracticeInput } from './practice.type.js';
import { checkContent, checkSlug } from './practice.validation.js';

/** Editors write their municipalities' practices; coordinators write all, including cooperations'. */
export function mayWritePractice(caller: Caller, practice: Pick<PracticeRow, 'ownerAgs'>): boolean {
  if (caller.kind !== 'user') return false;
  if (caller.role === 'coordinator') return true;
  return practice.ownerAgs !== null && practice.ownerAgs !== undefined && mayWriteFor(caller, practice.ownerAgs);
}

/** Drafts are visible to those who may write them; everything else to everyone. */
export function isVisible(caller: Caller, practice: PracticeRow): boolean {
  return !practice.draft || mayWritePractice(caller, practice);
}

export function editorOf(caller: Caller): string {
  return caller.kind === 'user' ? caller.sub : 'anonymous';
}

/** Owner columns from the reference data; unknown owners are BAD_USER_INPUT. */
export function resolveOwner(v: InputValidator, owner: PracticeOwnerInput, field: string) {
  const directory = referenceDirectory();
  const hasAgs = owner.ags != null;
  const hasCooperation = owner.cooperation != null;
  v.check(hasAgs !== hasCooperation, field, 'must name exactly one of ags or cooperation');
  if (hasAgs && !hasCooperation) {
    const municipality = directory.municipalities.get(owner.ags!);
    v.check(municipality !== undefined, `${field}.ags`, `no municipality of the hub has the AGS "${owner.ags}"`);
    return municipality ? { ownerAgs: owner.ags!, ownerCooperation: null, ownerRegion: municipality.region, ownerDistrict: municipality.districtCode } : null;
  }
  if (hasCooperation && !hasAgs) {
    const cooperation = directory.cooperations.get(owner.cooperation!);
    v.check(cooperation !== undefined, `${field}.cooperation`, `no cooperation has the slug "${owner.cooperation}"`);
    v.check(cooperation?.region != null || cooperation === undefined, `${field}.cooperation`, 'this cooperation has no region');
    return cooperation?.region ? { ownerAgs: null, ownerCooperation: owner.cooperation!, ownerRegion: cooperation.region, ownerDistrict: null } : null;
  }
  return null;
}

/** Editors may own only for their municipalities; cooperations' practices belong to coordinators. */
export function requireOwnerWrite(caller: Caller, owner: { ownerAgs: string | null; ownerCooperation: string | null }): void {
  const user = requireUser(caller);
  if (user.role === 'coordinator') return;
  if (owner.ownerCooperation !== null) throw new ForbiddenError("Only coordinators write cooperations' practices.");
  if (!mayWriteFor(user, owner.ownerAgs!)) {
    throw new ForbiddenError(`Your token allows writing for ${user.ags.join(', ') || 'no municipality'}, not for ${owner.ownerAgs}.`);
  }
}

export async function getPracticeBySlug(ctx: Context, slug: string): Promise<PracticeRow | null> {
  const practice = await ctx.loaders.practiceBySlug.load(slug);
  return practice && isVisible(ctx.caller, practice) ? practice : null;
}

export async function listPractices(ctx: Context, filter: PracticeFilter | null | undefined, page: PageArgs): Promise<ConnectionResult<PracticeRow>> {
  const window = pageWindow(page);
  const v = new InputValidator();
  if (filter?.municipality != null) v.check(/^\d{8}$/.test(filter.municipality), 'filter.municipality', 'must be an 8-digit AGS');
  if (filter?.district != null) v.check(/^\d{5}$/.test(filter.district), 'filter.district', 'must be a 5-digit Kreisschlüssel such as "05966"');
  v.throwIfInvalid();
  const { rows, total } = await findPracticePage(ctx.em, filter ?? {}, viewerOf(ctx.caller), window);
  for (const row of rows) ctx.loaders.practice.prime(row.id, row);
  return toConnection(rows, total, window);
}

/** Loads a practice the caller may change: UNAUTHENTICATED, BAD_USER_INPUT, NOT_FOUND or FORBIDDEN otherwise. */
export async function loadForWrite(ctx: Context, id: string, field: string): Promise<PracticeRow> {
  requireUser(ctx.caller);
  new InputValidator().uuid(id, field, 'a practice').throwIfInvalid();
  const practice = await ctx.em.findOne(PracticeEntity, { id });
  if (!practice) throw new NotFoundError('Practice', id);
  // FORBIDDEN even for another municipality's draft: ids are unguessable, and the caller learns why.
  if (!mayWritePractice(ctx.caller, practice)) {
    throw new ForbiddenError(practice.ownerCooperation ? "Only coordinators write cooperations' practices." : `Only editors of ${practice.ownerAgs} and coordinators may change this practice.`);
  }
  return practice;
}

/** What a new practice must have; everything else starts empty. */
export type NewPracticeFields = Pick<
  PracticeRow,
  'slug' | 'ownerAgs' | 'ownerCooperation' | 'ownerRegion' | 'ownerDistrict' | 'title' | 'summary' | 'kind' | 'targetGroups' | 'fieldsOfAction'
> &
  Partial<PracticeRow>;

/** Creates (not yet flushed) a practice row stamped with the caller and the time. */
export function newPractice(ctx: Context, fields: NewPracticeFields): PracticeRow {
  const now = new Date();
  return ctx.em.create(PracticeEntity, {
    id: crypto.randomUUID(),
    description: null,
    status: null,
    draft: false,
    startedYear: null,
    endedYear: null,
    funding: [],
    awards: [],
    links: [],
    contacts: [],
    lessonsLearned: null,
    effortNotes: null,
    tags: [],
    criteria: [],
    source: null,
    adaptedFromId: null,
    adaptationChanges: null,
    adaptedAt: null,
    archivedAt: null,
    createdAt: now,
    updatedAt: now,
    createdBy: editorOf(ctx.caller),
    updatedBy: editorOf(ctx.caller),
    ...fields,
  });
}

/** Flushes, turning a duplicate slug (also from a concurrent write) into CONFLICT. */
export async function flushPractice(ctx: Context, slug: string): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new ConflictError(`A practice with the slug "${slug}" already exists.`, { field: 'input.slug' });
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
  requireOwnerWrite(ctx.caller, owner!);
  if (await ctx.loaders.practiceBySlug.load(slug)) throw new ConflictError(`A practice with the slug "${slug}" already exists.`, { field: 'input.slug' });

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
  Object.assign(practice, patch, { updatedAt: new Date(), updatedBy: editorOf(ctx.caller) });
  await flushPractice(ctx, practice.slug);
  return practice;
}

export async function archivePractice(ctx: Context, id: string): Promise<PracticeRow> {
  const practice = await loadForWrite(ctx, id, 'id');
  if (practice.archivedAt) throw new ConflictError('This practice is already archived.');
  practice.archivedAt = new Date();
  practice.updatedAt = practice.archivedAt;
  practice.updatedBy = editorOf(ctx.caller);
  await ctx.em.flush();
  return practice;
}
