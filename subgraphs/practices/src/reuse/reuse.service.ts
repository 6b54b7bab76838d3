import { InputValidator, NotFoundError, requireUser, subjectOf } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { practicesPolicy as policy } from '../policy.js';
import type { PracticeRow } from '../practice/practice.entity.js';
import { findPractice, getPractice } from '../practice/practice.repository.js';
import { flushPractice, loadForWrite, newPractice, resolveOwner } from '../practice/practice.service.js';
import { isVisible } from '../practice/practice.visibility.js';
import { checkSlug } from '../practice/practice.validation.js';
import type { AdaptPracticeInput, SetAdaptedFromInput } from './reuse.type.js';
import { findAncestorIds, lockReuseGraph } from './reuse.repository.js';

async function loadSource(ctx: Context, id: string, field: string): Promise<PracticeRow> {
  new InputValidator().uuid(id, field, 'a practice').throwIfInvalid();
  const source = await findPractice(ctx.em, id);
  if (!source || !isVisible(ctx.caller, source)) throw new NotFoundError('Practice', id);
  return source;
}

/**
 * Creates the caller's municipality's own practice as an adaptation of another: the
 * concept is copied as a draft, with what the adapter changed and when.
 */
export async function adaptPractice(ctx: Context, input: AdaptPracticeInput): Promise<PracticeRow> {
  requireUser(ctx.caller);
  const v = new InputValidator();
  const owner = resolveOwner(v, { ags: input.ags }, 'input');
  const changes = v.text(input.changes, 'input.changes', { min: 3, max: 5000 });
  const title = input.title == null ? null : v.text(input.title, 'input.title', { min: 3, max: 200 });
  const slug = input.slug == null ? null : checkSlug(v, input.slug, 'input.slug');
  v.throwIfInvalid();
  policy.require(ctx.caller, 'practice:write', owner!);
  const source = await loadSource(ctx, input.sourceId, 'input.sourceId');

  // The AGS suffix always survives; a long source slug is shortened without a dangling hyphen.
  const newSlug = slug ?? `${source.slug.slice(0, 120 - input.ags.length - 1).replace(/-+$/, '')}-${input.ags}`;
  const adaptation = newPractice(ctx, {
    slug: newSlug,
    ...owner!,
    title: title ?? source.title,
    summary: source.summary,
    description: source.description,
    kind: source.kind,
    targetGroups: [...source.targetGroups],
    fieldsOfAction: [...source.fieldsOfAction],
    status: 'PLANNED',
    draft: true,
    effortNotes: source.effortNotes,
    tags: [...source.tags],
    criteria: [...source.criteria],
    adaptedFromId: source.id,
    adaptationChanges: changes,
    adaptedAt: new Date(),
  });
  ctx.em.persist(adaptation);
  await flushPractice(ctx, newSlug);
  return adaptation;
}

/**
 * Records that an existing practice was adapted from another. Rejected when it would
 * close a cycle in the reuse graph.
 */
export async function setAdaptedFrom(ctx: Context, input: SetAdaptedFromInput): Promise<PracticeRow> {
  const practice = await loadForWrite(ctx, input.practiceId, 'input.practiceId');
  const v = new InputValidator();
  const changes = v.text(input.changes, 'input.changes', { min: 3, max: 5000 });
  v.throwIfInvalid();
  const source = await loadSource(ctx, input.sourceId, 'input.sourceId');
  // One writer of adaptation links at a time, so two concurrent links cannot close a cycle together.
  return ctx.em.transactional(async (em) => {
    await lockReuseGraph(em);
    const ancestors = (await findAncestorIds(em, [source.id])).get(source.id) ?? [];
    if (source.id === practice.id || ancestors.includes(practice.id)) {
      const why =
        source.id === practice.id
          ? 'a practice cannot be adapted from itself'
          : `"${source.slug}" is already adapted, directly or indirectly, from "${practice.slug}"`;
      v.check(false, 'input.sourceId', `would create a cycle: ${why}`);
      v.throwIfInvalid();
    }
    const row = await getPractice(em, practice.id);
    row.adaptedFromId = source.id;
    row.adaptationChanges = changes;
    row.adaptedAt = new Date();
    row.updatedBy = subjectOf(ctx.caller);
    return row;
  });
}
