import { describe, expect, it } from '@jest/globals';
import { recordChanges, personalPaths } from '../src/audit/changes.js';
import { auditWindow, encodeAuditCursor } from '../src/audit/trail.js';
import { BadUserInputError } from '../src/errors/errors.js';

describe('audit trail paging', () => {
  it('reads a cursor as the id it names, from the start without one', () => {
    expect(auditWindow({})).toEqual({ afterId: '0', limit: 20 });
    expect(auditWindow({ first: 5, after: encodeAuditCursor('42') })).toEqual({ afterId: '42', limit: 5 });
  });

  it.each([
    ['an offset cursor of another list', { after: Buffer.from('offset:3').toString('base64url') }, 'after'],
    ['a forged id past bigint', { after: encodeAuditCursor('9'.repeat(19)) }, 'after'],
    ['a zero id', { after: encodeAuditCursor('0') }, 'after'],
    ['a page too large', { first: 201 }, 'first'],
  ])('refuses %s with BAD_USER_INPUT naming the argument', (_, page, field) => {
    expect(() => auditWindow(page)).toThrow(BadUserInputError);
    expect(() => auditWindow(page)).toThrow(expect.objectContaining({ fields: [expect.objectContaining({ field })] }));
  });
});

describe('recordChanges', () => {
  const props = ['id', 'municipalityAgs', 'note', 'submittedAt', 'submittedBy', 'updatedBy'].map((name) => ({
    name,
    primary: name === 'id',
  }));

  it('leaves out keys and stamps, the submission stamps included, and masks free text', () => {
    const after: Record<string, unknown> = {
      id: 'a',
      municipalityAgs: '05970040',
      note: 'Frau Test fragen.',
      submittedAt: new Date(),
      submittedBy: 'editor',
      updatedBy: 'editor',
    };
    expect(
      recordChanges(props, personalPaths(['note']), { before: () => null, after: (prop) => after[prop.name] }),
    ).toEqual({
      municipalityAgs: { old: null, new: '05970040' },
      note: { old: null, new: '***', masked: true },
    });
  });

  it('lists only the touched properties that changed', () => {
    const before: Record<string, unknown> = { municipalityAgs: '05970040', note: null };
    const after: Record<string, unknown> = { municipalityAgs: '05970040', note: 'neu' };
    const touched = (prop: { name: string }) => prop.name !== 'note';
    expect(
      recordChanges(props, new Map(), { before: (p) => before[p.name], after: (p) => after[p.name], touched }),
    ).toEqual({});
    expect(recordChanges(props, new Map(), { before: (p) => before[p.name], after: (p) => after[p.name] })).toEqual({
      note: { old: null, new: 'neu' },
    });
  });
});
