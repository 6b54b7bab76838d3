import type { Caller } from '@welcome-hub/kit';
import type { EventRow } from './event.entity.js';

/** Cooperation events belong to coordinators; a municipality's own events also to its editors. */
export function mayWriteEvent(caller: Caller, event: Pick<EventRow, 'hostAgs' | 'organizerCooperation'>): boolean {
  if (caller.kind !== 'user') return false;
  if (caller.role === 'coordinator') return true;
  return event.organizerCooperation == null && event.hostAgs != null && caller.ags.includes(event.hostAgs);
}

export const editorOf = (caller: Caller) => (caller.kind === 'user' ? caller.sub : 'anonymous');

const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of a moment in Europe/Berlin, YYYY-MM-DD. */
export function berlinDay(moment: Date): string {
  return BERLIN_DAY.format(moment);
}
