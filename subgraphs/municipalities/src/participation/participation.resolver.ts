import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { isUuid } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { Cooperation } from '../cooperation/cooperation.type.js';
import type { CooperationRow } from '../cooperation/cooperation.entity.js';
import { Municipality } from '../municipality/municipality.type.js';
import type { MunicipalityRow } from '../municipality/municipality.entity.js';
import type { MunicipalitiesAction } from '../policy.js';
import type { ParticipationRow } from './participation.entity.js';
import { declareParticipation, updateParticipationContact, withdrawParticipation } from './participation.service.js';
import {
  ContactPerson,
  DeclareParticipationInput,
  Participation,
  UpdateParticipationContactInput,
  WithdrawParticipationInput,
} from './participation.type.js';

@Resolver(() => Participation)
export class ParticipationResolver {
  @Mutation(() => Participation, {
    description: 'Declares participation. Editors of that municipality and coordinators only.',
  })
  declareParticipation(
    @Arg('input', () => DeclareParticipationInput, { description: 'What to change.' }) input: DeclareParticipationInput,
    @Ctx() ctx: Context,
  ) {
    return declareParticipation(ctx, input);
  }

  @Mutation(() => Participation, {
    description: 'Withdraws an active participation. Editors of that municipality and coordinators only.',
  })
  withdrawParticipation(
    @Arg('input', () => WithdrawParticipationInput, { description: 'What to change.' })
    input: WithdrawParticipationInput,
    @Ctx() ctx: Context,
  ) {
    return withdrawParticipation(ctx, input);
  }

  @Mutation(() => Participation, {
    description: 'Replaces the contact person. Editors of that municipality and coordinators only.',
  })
  updateParticipationContact(
    @Arg('input', () => UpdateParticipationContactInput, { description: 'What to change.' })
    input: UpdateParticipationContactInput,
    @Ctx() ctx: Context,
  ) {
    return updateParticipationContact(ctx, input);
  }

  @FieldResolver(() => Boolean)
  active(@Root() p: ParticipationRow): boolean {
    return p.withdrawnOn === null;
  }

  @Authorized<MunicipalitiesAction>('participation:read-contact')
  @FieldResolver(() => ContactPerson, {
    nullable: true,
    description: 'The person responsible; null for anonymous callers (personal data).',
  })
  contact(@Root() p: ParticipationRow): ContactPerson {
    return { name: p.contactName, role: p.contactRole, email: p.contactEmail };
  }

  @FieldResolver(() => Municipality, { description: 'The declaring municipality.' })
  async municipality(@Root() p: ParticipationRow, @Ctx() ctx: Context): Promise<MunicipalityRow> {
    return (await ctx.loaders.municipality.load(p.municipalityAgs))!;
  }

  @FieldResolver(() => Cooperation, { description: 'The cooperation.' })
  async cooperation(@Root() p: ParticipationRow, @Ctx() ctx: Context): Promise<CooperationRow> {
    return (await ctx.loaders.cooperation.load(p.cooperationId))!;
  }
}

export const participationReference = {
  Participation: {
    __resolveReference: (ref: { id: string }, ctx: Context) =>
      isUuid(ref.id) ? ctx.loaders.participation.load(ref.id) : null,
  },
};
