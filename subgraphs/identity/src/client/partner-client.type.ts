import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@welcome-hub/kit';
import { MunicipalityRef } from '../federation/references.js';

export enum ClientTierValue {
  STANDARD = 'standard',
  PARTNER = 'partner',
  DASHBOARD = 'dashboard',
}
registerEnumType(ClientTierValue, {
  name: 'ClientTier',
  description: "A partner client's rate-limit allowance (RATE_LIMIT_TIERS).",
  valuesConfig: {
    STANDARD: { description: 'The allowance of any signed-in caller.' },
    PARTNER: { description: "A partner city's CMS: a larger allowance." },
    DASHBOARD: { description: 'A regional dashboard: the largest allowance.' },
  },
});

@ObjectType('PartnerClient', {
  description: 'A partner system calling the API with OAuth client credentials; visible to coordinators.',
})
export class PartnerClient {
  @Field(() => ID, { description: 'Stable identifier (UUID).' })
  id!: string;
  @Field({ description: 'The OAuth client_id it authenticates with.' })
  clientId!: string;
  @Field({ description: 'Name, e.g. "CMS der Stadt Arnsberg".' })
  name!: string;
  @Field(() => [MunicipalityRef], {
    description: 'The municipalities it writes for, as their editors do; empty: read-only.',
  })
  municipalities!: MunicipalityRef[];
  @Field(() => ClientTierValue, { description: 'Its rate-limit allowance.' })
  tier!: ClientTierValue;
  @Field({ description: 'False once deactivated: it gets no more tokens.' })
  active!: boolean;
  @Field(() => DateTimeResolver, { description: 'When its current secret was made.' })
  secretRotatedAt!: Date;
  @Field(() => DateTimeResolver, { description: 'When it was registered.' })
  createdAt!: Date;
}

export const PartnerClientConnection = Connection(PartnerClient, 'PartnerClient', 'partner client');

@ObjectType('PartnerClientCredentials', {
  description: 'A client and its secret: shown this once, stored only as a hash.',
})
export class PartnerClientCredentials {
  @Field(() => PartnerClient, { description: 'The client.' })
  client!: PartnerClient;
  @Field({ description: 'The client secret; keep it in the partner system, it cannot be shown again.' })
  clientSecret!: string;
  @Field({
    description: 'Where to exchange the credentials for an access token (grant_type=client_credentials, HTTP Basic).',
  })
  tokenEndpoint!: string;
}

@InputType('RegisterPartnerClientInput', { description: 'A partner system to register.' })
export class RegisterPartnerClientInput {
  @Field({ description: 'Name, at most 200 characters.' })
  name!: string;
  @Field(() => [String], { description: 'AGS it may write for; empty: read-only.' })
  municipalities!: string[];
  @Field(() => ClientTierValue, { defaultValue: ClientTierValue.PARTNER, description: 'Rate-limit allowance.' })
  tier!: ClientTierValue;
}

@InputType('UpdatePartnerClientInput', { description: 'What to change of a partner client; fields left out stay.' })
export class UpdatePartnerClientInput {
  @Field(() => ID, { description: 'The client (its id, not its client_id).' })
  id!: string;
  @Field(() => [String], { nullable: true, description: 'New municipalities (AGS) it writes for; empty: read-only.' })
  municipalities?: string[] | null;
  @Field(() => ClientTierValue, { nullable: true, description: 'New allowance.' })
  tier?: ClientTierValue | null;
  @Field(() => Boolean, { nullable: true, description: 'False deactivates, true reactivates.' })
  active?: boolean | null;
}
