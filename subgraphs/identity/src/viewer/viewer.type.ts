import { Field, ObjectType } from 'type-graphql';
import { MunicipalityRef } from '../federation/references.js';
import { AccountRole } from '../account/account.type.js';

@ObjectType('Viewer', { description: 'Who is calling, as the bearer token says.' })
export class Viewer {
  @Field({ description: 'The token subject: an account id, or a partner client_id.' })
  subject!: string;
  @Field(() => AccountRole, { description: 'What the caller may do.' })
  role!: AccountRole;
  @Field(() => [MunicipalityRef], { description: 'The municipalities it writes for (empty for coordinators: all).' })
  municipalities!: MunicipalityRef[];
  @Field(() => String, {
    nullable: true,
    description: 'The OAuth client the token was issued to; null for development tokens.',
  })
  client!: string | null;
  @Field({ description: 'True for a partner system (client credentials), false for a person.' })
  partner!: boolean;
  @Field(() => String, {
    nullable: true,
    description: "The account's name, when it is an account of the hub's own provider.",
  })
  name!: string | null;
}
