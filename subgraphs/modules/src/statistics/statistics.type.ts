import { Field, Int, ObjectType } from 'type-graphql';
import { DistrictRef } from '../federation/references.js';
import { AdoptionStatus } from '../module/module.type.js';

@ObjectType('ModuleAdoptionStatistics', {
  description: 'How widely the shared modules are adopted, counted over all adoptions.',
})
export class ModuleAdoptionStatistics {}

@ObjectType('DistrictModuleAdoption', { description: 'Adoptions of one status by the municipalities of one district.' })
export class DistrictModuleAdoption {
  @Field(() => DistrictRef, { description: 'The district.' })
  district!: DistrictRef;
  @Field(() => AdoptionStatus, { description: 'The adoption status counted.' })
  status!: AdoptionStatus;
  @Field(() => Int, { description: 'Adoptions of this status: one per module and municipality.' })
  adoptions!: number;
  @Field(() => Int, {
    description: 'Distinct municipalities of the district with at least one adoption of this status.',
  })
  municipalities!: number;
}

@ObjectType('AdoptionStatusCount', { description: 'Adoptions of one status.' })
export class AdoptionStatusCount {
  @Field(() => AdoptionStatus, { description: 'The adoption status counted.' })
  status!: AdoptionStatus;
  @Field(() => Int, { description: 'Adoptions of this status.' })
  adoptions!: number;
}

@ObjectType('ModuleAdoptionCount', { description: 'How often one module is adopted.' })
export class ModuleAdoptionCount {
  @Field(() => Int, { description: 'Adoptions of any status (as `Module.adoptionCount`).' })
  adoptions!: number;
  @Field(() => [AdoptionStatusCount], {
    description: 'Adoptions per status, every status listed, in the order of AdoptionStatus.',
  })
  byStatus!: AdoptionStatusCount[];
}
