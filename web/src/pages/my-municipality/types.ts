import type { CoordinatorOverviewQuery, MyMunicipalityQuery } from '../../../generated/graphql.js';

// The answers' shapes the parts of "Meine Kommune" pass each other.

export type Workspace = NonNullable<MyMunicipalityQuery['municipality']>;
export type Participation = Workspace['participations'][number];
export type Cooperation = Workspace['cooperations'][number];
export type PracticeNode = NonNullable<MyMunicipalityQuery['practices']>['edges'][number]['node'];
export type Overview = CoordinatorOverviewQuery;
