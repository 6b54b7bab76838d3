import { describe, expect, it } from '@jest/globals';
import { BadUserInputError, encodeCursor, pageWindow, toConnection } from '../src/index.js';

describe('pagination', () => {
  it('continues after the cursor of the last edge', () => {
    const first = toConnection(['a', 'b'], 5, pageWindow({ first: 2 }));
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const window = pageWindow({ first: 2, after: first.pageInfo.endCursor });
    expect(window).toEqual({ offset: 2, limit: 2 });
    const last = toConnection(['e'], 5, pageWindow({ first: 2, after: encodeCursor(3) }));
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 201 }, 'first'],
    [{ after: 'garbage' }, 'after'],
    [{ after: encodeCursor(-1) }, 'after'],
    [{ after: encodeCursor(1e21) }, 'after'],
    [{ after: Buffer.from('offset:99999999999999999999').toString('base64url') }, 'after'],
  ])('rejects %j naming %s', (args, field) => {
    expect(() => pageWindow(args)).toThrow(BadUserInputError);
    try {
      pageWindow(args);
    } catch (error) {
      expect((error as BadUserInputError).fields.map((f) => f.field)).toEqual([field]);
    }
  });
});
