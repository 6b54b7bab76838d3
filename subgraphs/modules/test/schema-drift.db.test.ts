import { expect, it } from '@jest/globals';
import { modelDrift } from '@welcome-hub/kit/testing';
import { modulesModel } from '../src/model.js';

// The migrations built every production database; the entities are what the ORM writes and
// reads by. Empty: they agree (kit's testing/schema-drift.ts lists the accepted exceptions).
it('declares in its entities what its migrations built', async () => {
  expect(await modelDrift(modulesModel)).toEqual([]);
});
