import { ArgsType, Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgs, PageInfo, RegionCode } from '@welcome-hub/kit';
import { SearchResult, type EntityReference } from '../federation/references.js';

export enum SearchType {
  MUNICIPALITY = 'MUNICIPALITY',
  PRACTICE = 'PRACTICE',
  MODULE = 'MODULE',
  EVENT = 'EVENT',
}
registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'What kind of record a search hit is.',
  valuesConfig: {
    MUNICIPALITY: { description: 'A municipality (Stadt or Gemeinde).' },
    PRACTICE: { description: 'A best-practice project.' },
    MODULE: { description: 'A shared module (tool, material, concept, template).' },
    EVENT: { description: 'An event: Runder Tisch, forum, reception …' },
  },
});

@InputType({ description: 'Only records within this distance of a point.' })
export class SearchNearInput {
  @Field(() => Float, { description: 'Latitude (WGS 84), −90 to 90.' })
  lat!: number;
  @Field(() => Float, { description: 'Longitude (WGS 84), −180 to 180.' })
  lon!: number;
  @Field(() => Float, { description: 'Radius in kilometres, more than 0 and at most 500.' })
  radiusKm!: number;
}

@InputType({ description: 'Narrows a search; every given condition must hold.' })
export class SearchFilter {
  @Field(() => [SearchType], { nullable: true, description: 'Only these kinds of record.' })
  types?: SearchType[] | null;
  @Field(() => RegionCode, { nullable: true, description: 'Only records of this region.' })
  region?: RegionCode | null;
  @Field(() => String, {
    nullable: true,
    description: 'Only records of this district (5-digit Kreisschlüssel, e.g. "05970").',
  })
  district?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Only practices for this target group (a `TargetGroup` value, e.g. "FAMILIES").',
  })
  targetGroup?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Only practices in this field of action (a `FieldOfAction` value, e.g. "NEW_HOME").',
  })
  fieldOfAction?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Only records of this kind code (e.g. "ANALYSIS_TOOL", "RUNDER_TISCH", "STADT").',
  })
  kind?: string | null;
  @Field(() => SearchNearInput, { nullable: true, description: 'Only records located within this radius.' })
  near?: SearchNearInput | null;
}

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field({
    description:
      'What to look for, in German as people type it (compounds, typos and umlauts as ae/oe/ue are fine); up to 200 characters. Empty lists everything the filter allows.',
  })
  query!: string;
  @Field(() => SearchFilter, { nullable: true, description: 'Conditions every hit must meet.' })
  filter?: SearchFilter | null;
}

@ObjectType('SearchHighlight', { description: 'A passage of a hit with the matching words marked.' })
export class SearchHighlight {
  @Field({ description: 'Which text: "title", "summary" or "text".' })
  field!: string;
  @Field({ description: 'The passage, HTML-escaped, matching words wrapped in <mark>…</mark>.' })
  snippet!: string;
}

@ObjectType('SearchHit', { description: 'One search result.' })
export class SearchHit {
  @Field(() => Float, { description: 'Relevance from 0 to 1, higher is better; compare within one result only.' })
  score!: number;
  @Field(() => SearchType, { description: 'What kind of record it is.' })
  type!: SearchType;
  @Field({ description: 'Its title as indexed (the entity has the current one).' })
  title!: string;
  @Field(() => [SearchHighlight], { description: 'Passages with the matching words marked.' })
  highlights!: SearchHighlight[];
  @Field(() => SearchResult, {
    nullable: true,
    description: 'The record itself; null if it has become invisible since it was indexed.',
  })
  entity!: EntityReference;
}

@ObjectType('SearchEdge', { description: 'A search hit in a page of results.' })
export class SearchEdge {
  @Field({ description: 'Pass as `after` to continue after this hit.' })
  cursor!: string;
  @Field(() => SearchHit, { description: 'The hit.' })
  node!: SearchHit;
}

@ObjectType('FacetCount', { description: 'How many hits have one value of a facet.' })
export class FacetCount {
  @Field({ description: 'The value, e.g. "PRACTICE", "RUHR", "05970", "FAMILIES".' })
  value!: string;
  @Field(() => Int, { description: 'Hits with this value, over all pages.' })
  count!: number;
}

@ObjectType('SearchFacets', { description: 'Counts of the hits per value, to refine a search.' })
export class SearchFacets {
  @Field(() => [FacetCount], { description: 'Per kind of record.' })
  type!: FacetCount[];
  @Field(() => [FacetCount], { description: 'Per region.' })
  region!: FacetCount[];
  @Field(() => [FacetCount], { description: 'Per district (Kreisschlüssel).' })
  district!: FacetCount[];
  @Field(() => [FacetCount], { description: 'Per target group (practices).' })
  targetGroup!: FacetCount[];
  @Field(() => [FacetCount], { description: 'Per field of action (practices).' })
  fieldOfAction!: FacetCount[];
  @Field(() => [FacetCount], { description: 'Per kind code.' })
  kind!: FacetCount[];
}

@ObjectType('SearchConnection', { description: 'A page of search results (Relay connection) with facets.' })
export class SearchConnection {
  @Field(() => Int, { description: 'Hits over all pages.' })
  totalCount!: number;
  @Field(() => SearchFacets, { description: 'Counts per facet value over all hits.' })
  facets!: SearchFacets;
  @Field(() => [SearchEdge], { description: 'The hits of this page, best first.' })
  edges!: SearchEdge[];
  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;
}

@ObjectType('SearchSuggestion', { description: 'A completion for search-as-you-type.' })
export class SearchSuggestion {
  @Field({ description: 'The title to offer.' })
  text!: string;
  @Field(() => SearchType, { description: 'What kind of record it is.' })
  type!: SearchType;
  @Field(() => SearchResult, { nullable: true, description: 'The record.' })
  entity!: EntityReference;
}
