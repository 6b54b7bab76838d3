import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ConflictError,
  InputValidator,
  NotFoundError,
  berlinDay,
  columnLimit,
  requireUser,
  subjectOf,
} from '@welcome-hub/kit';
import { unknownCooperation } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import { municipalitiesPolicy as policy } from '../policy.js';
import { findMembership } from '../cooperation/cooperation.repository.js';
import { ParticipationEntity, type ParticipationRow } from './participation.entity.js';
import { findActive, findParticipation } from './participation.repository.js';
import type {
  ContactPersonInput,
  DeclareParticipationInput,
  UpdateParticipationContactInput,
  WithdrawParticipationInput,
} from './participation.type.js';

/** Contact name and role fit their columns: the limits come from the entity, so the two cannot disagree. */
const CONTACT_NAME_MAX = columnLimit(ParticipationEntity, 'contactName');
const CONTACT_ROLE_MAX = columnLimit(ParticipationEntity, 'contactRole');

function checkContact(v: InputValidator, contact: ContactPersonInput, field: string): ContactPersonInput {
  return {
    name: v.text(contact.name, `${field}.name`, { min: 2, max: CONTACT_NAME_MAX }),
    role: v.text(contact.role, `${field}.role`, { min: 2, max: CONTACT_ROLE_MAX }),
    email: v.email(contact.email, `${field}.email`),
  };
}

/** Only a participation's own municipality (editor) or a coordinator may change it. */
async function loadForWrite(ctx: Context, id: string, field: string): Promise<ParticipationRow> {
  requireUser(ctx.caller);
  const v = new InputValidator();
  v.uuid(id, field, 'a participation');
  v.throwIfInvalid();
  const participation = await findParticipation(ctx.em, id);
  if (!participation) throw new NotFoundError('Participation', id);
  policy.require(ctx.caller, 'participation:write', participation);
  return participation;
}

export async function declareParticipation(ctx: Context, input: DeclareParticipationInput): Promise<ParticipationRow> {
  requireUser(ctx.caller);
  const v = new InputValidator();
  v.ags(input.ags, 'input.ags');
  const declaredOn = v.isoDate(input.declaredOn, 'input.declaredOn');
  if (declaredOn) v.check(declaredOn <= berlinDay(), 'input.declaredOn', 'must not be in the future');
  const contact = checkContact(v, input.contact, 'input.contact');
  v.throwIfInvalid();
  policy.require(ctx.caller, 'participation:write', { municipalityAgs: input.ags });

  const [found, foundCooperation] = await Promise.all([
    ctx.loaders.municipality.load(input.ags),
    ctx.loaders.cooperationBySlug.load(input.cooperation),
  ]);
  v.check(found !== null, 'input.ags', `no municipality has the AGS ${input.ags}`);
  v.check(foundCooperation !== null, 'input.cooperation', unknownCooperation(input.cooperation));
  const [municipality, cooperation, day] = v.valid(found, foundCooperation, declaredOn);
  const membership = await findMembership(ctx.em, cooperation.id, input.ags);
  v.check(
    membership !== null,
    'input.cooperation',
    `${municipality.name} is neither a member of nor invited to this cooperation`,
  );
  v.throwIfInvalid();
  if (await findActive(ctx.em, cooperation.id, input.ags)) {
    throw new ConflictError(`${municipality.name} has already declared participation in this cooperation.`);
  }

  const participation = ctx.em.create(ParticipationEntity, {
    cooperationId: cooperation.id,
    municipalityAgs: input.ags,
    declaredOn: day,
    contactName: contact.name,
    contactRole: contact.role,
    contactEmail: contact.email,
    updatedBy: subjectOf(ctx.caller),
  });
  try {
    await ctx.em.persist(participation).flush();
  } catch (error) {
    // Two concurrent declarations: the partial unique index lets only one through.
    if (error instanceof UniqueConstraintViolationException) {
      throw new ConflictError(`${municipality.name} has already declared participation in this cooperation.`);
    }
    throw error;
  }
  return participation;
}

export async function withdrawParticipation(
  ctx: Context,
  input: WithdrawParticipationInput,
): Promise<ParticipationRow> {
  const participation = await loadForWrite(ctx, input.id, 'input.id');
  const v = new InputValidator();
  const withdrawnOn = input.withdrawnOn == null ? berlinDay() : v.isoDate(input.withdrawnOn, 'input.withdrawnOn');
  if (withdrawnOn) {
    v.check(
      withdrawnOn >= participation.declaredOn,
      'input.withdrawnOn',
      `must not be before the declaration (${participation.declaredOn})`,
    );
    v.check(withdrawnOn <= berlinDay(), 'input.withdrawnOn', 'must not be in the future');
  }
  const [day] = v.valid(withdrawnOn);
  if (participation.withdrawnOn !== null)
    throw new ConflictError(`This participation was already withdrawn on ${participation.withdrawnOn}.`);
  participation.withdrawnOn = day;
  participation.updatedBy = subjectOf(ctx.caller);
  await ctx.em.flush();
  return participation;
}

export async function updateParticipationContact(
  ctx: Context,
  input: UpdateParticipationContactInput,
): Promise<ParticipationRow> {
  const participation = await loadForWrite(ctx, input.id, 'input.id');
  const v = new InputValidator();
  const contact = checkContact(v, input.contact, 'input.contact');
  v.throwIfInvalid();
  if (participation.withdrawnOn !== null) throw new ConflictError('A withdrawn participation cannot be changed.');
  participation.contactName = contact.name;
  participation.contactRole = contact.role;
  participation.contactEmail = contact.email;
  participation.updatedBy = subjectOf(ctx.caller);
  await ctx.em.flush();
  return participation;
}
