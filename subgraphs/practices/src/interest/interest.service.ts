import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { ConflictError, InputValidator, NotFoundError, requireUser, subjectOf } from '@welcome-hub/kit';
import { knownMunicipality } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import { practicesPolicy as policy } from '../policy.js';
import { findPractice } from '../practice/practice.repository.js';
import { isVisible } from '../practice/practice.visibility.js';
import { InterestEntity, type InterestRow } from './interest.entity.js';
import { findInterest } from './interest.repository.js';
import type { MarkInterestInput, RemoveInterestInput } from './interest.type.js';

async function checkTarget(ctx: Context, input: { practiceId: string; ags: string }, v: InputValidator) {
  requireUser(ctx.caller);
  v.uuid(input.practiceId, 'input.practiceId', 'a practice');
  const wellFormed = v.ags(input.ags, 'input.ags', 'must be an 8-digit AGS') !== undefined;
  // A coordinator may act for any municipality, but only for one the hub has: an interest of
  // an unknown AGS would reference a municipality no subgraph can resolve.
  if (wellFormed) knownMunicipality(v, input.ags, 'input.ags');
  v.throwIfInvalid();
  policy.require(ctx.caller, 'interest:write', { ags: input.ags });
  const practice = await findPractice(ctx.em, input.practiceId);
  if (!practice || !isVisible(ctx.caller, practice, 'listed')) throw new NotFoundError('Practice', input.practiceId);
  return practice;
}

export async function markInterest(ctx: Context, input: MarkInterestInput): Promise<InterestRow> {
  const v = new InputValidator();
  const note = input.note == null || input.note.trim() === '' ? null : v.text(input.note, 'input.note', { max: 1000 });
  const practice = await checkTarget(ctx, input, v);
  if (practice.ownerAgs === input.ags) {
    v.check(false, 'input.ags', 'a municipality cannot mark its own practice as interesting');
    v.throwIfInvalid();
  }
  const interest = ctx.em.create(InterestEntity, {
    practiceId: practice.id,
    municipalityAgs: input.ags,
    note,
    createdBy: subjectOf(ctx.caller),
  });
  try {
    await ctx.em.persist(interest).flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new ConflictError(`${input.ags} has already marked this practice as interesting.`);
    throw error;
  }
  return interest;
}

export async function removeInterest(ctx: Context, input: RemoveInterestInput): Promise<boolean> {
  await checkTarget(ctx, input, new InputValidator());
  // Loaded and removed through the unit of work, not deleted natively: the flush leaves the audit entry.
  const interest = await findInterest(ctx.em, input.practiceId, input.ags);
  if (!interest) throw new NotFoundError('PracticeInterest', `${input.practiceId}/${input.ags}`);
  await ctx.em.remove(interest).flush();
  return true;
}
