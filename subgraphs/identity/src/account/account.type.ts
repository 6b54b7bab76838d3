import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@welcome-hub/kit';
import { MunicipalityRef } from '../federation/references.js';

export enum AccountRole {
  EDITOR = 'editor',
  COORDINATOR = 'coordinator',
}
registerEnumType(AccountRole, {
  name: 'AccountRole',
  description: 'What an account may do.',
  valuesConfig: {
    EDITOR: { description: 'Writes the records of its municipalities.' },
    COORDINATOR: { description: 'Writes everything and manages accounts and partner clients.' },
  },
});

@ObjectType('Account', { description: "A person who signs in at the hub's own provider; visible to coordinators." })
export class Account {
  @Field(() => ID, { description: 'Stable identifier (UUID): the `sub` of the tokens it signs in with.' })
  id!: string;
  @Field({ description: 'E-mail address; the sign-in name.' })
  email!: string;
  @Field({ description: 'Name as shown to colleagues.' })
  name!: string;
  @Field(() => AccountRole, { description: 'What it may do.' })
  role!: AccountRole;
  @Field(() => [MunicipalityRef], {
    description: 'The municipalities an editor writes for (empty for coordinators: all).',
  })
  municipalities!: MunicipalityRef[];
  @Field({ description: 'False once deactivated: it can then neither sign in nor refresh its tokens.' })
  active!: boolean;
  @Field({ description: 'True once the invitation was accepted and a password set.' })
  passwordSet!: boolean;
  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  createdAt!: Date;
  @Field(() => DateTimeResolver, { description: 'When it was last changed.' })
  updatedAt!: Date;
}

export const AccountConnection = Connection(Account, 'Account', 'account');

@ObjectType('AccountInvitation', {
  description: 'An account and its one-time link to set a password; the link is shown only here.',
})
export class AccountInvitation {
  @Field(() => Account, { description: 'The invited account.' })
  account!: Account;
  @Field({ description: 'The one-time link; pass it to the invitee (e-mail delivery comes later). Valid for 7 days.' })
  invitationUrl!: string;
  @Field(() => DateTimeResolver, { description: 'When the link expires.' })
  expiresAt!: Date;
}

@InputType('InviteAccountInput', { description: 'Whom to invite.' })
export class InviteAccountInput {
  @Field({ description: 'E-mail address (the sign-in name).' })
  email!: string;
  @Field({ description: 'Name, at most 200 characters.' })
  name!: string;
  @Field(() => AccountRole, { description: 'EDITOR (give municipalities) or COORDINATOR.' })
  role!: AccountRole;
  @Field(() => [String], { description: 'AGS of the municipalities an editor writes for; empty for coordinators.' })
  municipalities!: string[];
}

@InputType('UpdateAccountInput', { description: 'What to change of an account; fields left out stay.' })
export class UpdateAccountInput {
  @Field(() => ID, { description: 'The account.' })
  id!: string;
  @Field(() => AccountRole, { nullable: true, description: 'New role.' })
  role?: AccountRole | null;
  @Field(() => [String], { nullable: true, description: 'New municipalities (AGS) of an editor.' })
  municipalities?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'False deactivates, true reactivates.' })
  active?: boolean | null;
}

@InputType('ChangePasswordInput', { description: 'The current password and the new one.' })
export class ChangePasswordInput {
  @Field({ description: 'The password used to sign in now.' })
  currentPassword!: string;
  @Field({ description: 'The new password: at least 12 characters, at most 256.' })
  newPassword!: string;
}
