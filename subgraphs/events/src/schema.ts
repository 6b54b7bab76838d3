import 'reflect-metadata';
import { auditTrailResolver, policyAuthChecker, type SubgraphSchemaInput } from '@welcome-hub/kit';
import { EventResolver, RegistrationFieldsResolver, eventReference } from './event/event.resolver.js';
import { CooperationEventsResolver, MunicipalityEventsResolver } from './federation/owner.resolver.js';
import { foreignReferences } from './federation/references.js';
import { eventsFieldResources, eventsPolicy } from './policy.js';
import { RegistrationResolver } from './registration/registration.resolver.js';
import { EventStatisticsResolver } from './statistics/statistics.resolver.js';
import { eventsModel } from './model.js';

const EventsAuditTrailResolver = auditTrailResolver({
  field: 'eventsAuditTrail',
  schema: eventsModel.schema,
  records: 'events and registrations',
  authorize: (caller, scope) => eventsPolicy.require(caller, 'audit:read', scope),
});

export const eventsSchema: SubgraphSchemaInput = {
  resolvers: [
    EventResolver,
    RegistrationFieldsResolver,
    RegistrationResolver,
    MunicipalityEventsResolver,
    CooperationEventsResolver,
    EventStatisticsResolver,
    EventsAuditTrailResolver,
  ],
  referenceResolvers: { ...eventReference, ...foreignReferences },
  authChecker: policyAuthChecker(eventsPolicy, eventsFieldResources),
};
