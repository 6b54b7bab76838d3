import { describe, expect, it } from '@jest/globals';
import { formatDate, formatEuro, formatKm, formatNumber } from '../src/format.js';

// The app's German formats (src/format.ts): numbers, amounts, distances and dates on its
// pages. Most expectations differ from what en-US (or the machine's own time zone) would
// give; percentages (ui/numbers.ts) and the funding months format on their own.

/** The no-break space Intl puts between an amount and its currency sign. */
const NBSP = '\u00a0';

describe('German formats of the web app', () => {
  it('writes numbers with a dot between thousands and a decimal comma', () => {
    expect(formatNumber(102685)).toBe('102.685');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(114.69)).toBe('114,69');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-2500)).toBe('-2.500');
  });

  it('writes euro amounts without cents, the sign after the amount', () => {
    expect(formatEuro(305309.8)).toBe(`305.310${NBSP}€`);
    expect(formatEuro(1500)).toBe(`1.500${NBSP}€`);
    expect(formatEuro(999)).toBe(`999${NBSP}€`);
    expect(formatEuro(0)).toBe(`0${NBSP}€`);
  });

  it('writes distances in km with at most one decimal, with a decimal comma', () => {
    expect(formatKm(12.345)).toBe('12,3 km');
    expect(formatKm(12.35)).toBe('12,4 km');
    expect(formatKm(5)).toBe('5 km');
    expect(formatKm(1234.56)).toBe('1.234,6 km');
    expect(formatKm(0.04)).toBe('0 km');
  });

  it('writes a calendar date with the month spelled out in German, the same in every time zone', () => {
    expect(formatDate('2025-03-01')).toBe('1. März 2025');
    expect(formatDate('2024-12-31')).toBe('31. Dezember 2024');
    expect(formatDate('2026-01-01')).toBe('1. Januar 2026');
    // A date has no time: asked for one, it still shows the date alone.
    expect(formatDate('2025-03-01', true)).toBe('1. März 2025');
  });

  it('writes an instant as the date in Berlin, also shortly before midnight UTC (summer and winter time)', () => {
    // 23:30 UTC in winter is 00:30 the next day in Berlin (UTC+1); in UTC or New York still the 1st.
    expect(formatDate('2025-03-01T23:30:00Z')).toBe('2. März 2025');
    // 22:30 UTC in summer is 00:30 the next day in Berlin (UTC+2).
    expect(formatDate('2025-07-31T22:30:00Z')).toBe('1. August 2025');
    // Just before: still the same day in Berlin.
    expect(formatDate('2025-07-31T21:59:00Z')).toBe('31. Juli 2025');
    // An offset other than UTC counts as well.
    expect(formatDate('2025-10-05T00:15:00+02:00')).toBe('5. Oktober 2025');
  });

  it('writes an instant with its time in Berlin, on the 24-hour clock, with "Uhr"', () => {
    // ICU's German pattern joins date and time with " um " (older versions: ", ").
    expect(formatDate('2025-03-01T23:30:00Z', true)).toMatch(/^2\. März 2025(,| um) 00:30 Uhr$/);
    expect(formatDate('2025-07-15T13:05:00Z', true)).toMatch(/^15\. Juli 2025(,| um) 15:05 Uhr$/);
  });

  it('leaves a value that is no date as it is', () => {
    expect(formatDate('nicht bekannt')).toBe('nicht bekannt');
    expect(formatDate('2025-13-45T99:00:00Z')).toBe('2025-13-45T99:00:00Z');
  });
});
