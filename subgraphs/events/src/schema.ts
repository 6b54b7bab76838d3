import 'reflect-metadata';
import { policyAuthChecker, type SubgraphSchemaInput } from '@welcome-hub/kit';
import { EventResolver, RegistrationFieldsResolver, eventReference } from './event/event.resolver.js';
import { CooperationEventsResolver, MunicipalityEventsResolver } from './federation/owner.resolver.js';
import { foreignReferences } from './federation/references.js';
import { eventsFieldResources, eventsPolicy } from './policy.js';
import { RegistrationResolver } from './registration/registration.resolver.js';

export const eventsSchema: SubgraphSchemaInput = {
  resolvers: [EventResolver, RegistrationFieldsResolver, RegistrationResolver, MunicipalityEventsResolver, CooperationEventsResolver],
  referenceResolvers: { ...eventReference, ...foreignReferences },
  authChecker: policyAuthChecker(eventsPolicy, eventsFieldResources),
};
