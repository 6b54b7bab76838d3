import { ConflictError, InputValidator } from '@welcome-hub/kit';
import type { Context } from '../context.js';
import { modulesPolicy as policy } from '../policy.js';
import { countAnswersOf } from '../assessment/assessment.repository.js';
import { KEY } from '../shared/keys.js';
import { AreaEntity, CriterionEntity, type CriterionRow } from './catalogue.entity.js';
import { countAreas, countCriteria, findArea, findCriterion, getCriterion } from './catalogue.repository.js';
import type { UpsertCriterionInput } from './catalogue.type.js';

/** Coordinators edit the catalogue; keys are stable, so a key names the same criterion forever. */
export async function upsertCriterion(ctx: Context, input: UpsertCriterionInput): Promise<CriterionRow> {
  policy.require(ctx.caller, 'criterion:write');
  const v = new InputValidator();
  v.check(
    KEY.test(input.key) && input.key.length <= 60,
    'input.key',
    'must be lower-case letters, digits and single hyphens, at most 60',
  );
  v.check(
    KEY.test(input.areaKey) && input.areaKey.length <= 60,
    'input.areaKey',
    'must be lower-case letters, digits and single hyphens, at most 60',
  );
  const title = v.text(input.title, 'input.title', { min: 3, max: 200 });
  const guidance = v.text(input.guidance, 'input.guidance', { min: 3, max: 2000 });
  const scaleMax = input.scaleMax ?? 3;
  v.between(scaleMax, 'input.scaleMax', 1, 10);
  v.throwIfInvalid();
  const area = await findArea(ctx.em, input.areaKey);
  let areaTitle = '';
  if (!area) {
    if (input.areaTitle == null)
      v.check(false, 'input.areaTitle', `is required: there is no area "${input.areaKey}" yet`);
    else areaTitle = v.text(input.areaTitle, 'input.areaTitle', { min: 3, max: 200 });
    v.throwIfInvalid();
  }
  const existing = await findCriterion(ctx.em, input.key);
  if (existing && existing.scaleMax !== scaleMax) {
    const answered = await countAnswersOf(ctx.em, input.key);
    if (answered > 0)
      throw new ConflictError(
        `The scale of "${input.key}" cannot change: ${answered} answers use it. Create a new criterion instead.`,
      );
  }
  return ctx.em.transactional(async (em) => {
    if (!area) {
      const position = ((await countAreas(em)) + 1) * 10;
      // Flushed first: the criterion's foreign key needs the area row.
      await em.persist(em.create(AreaEntity, { key: input.areaKey, title: areaTitle, position })).flush();
    }
    const row = existing
      ? await getCriterion(em, input.key)
      : em.create(CriterionEntity, {
          key: input.key,
          areaKey: input.areaKey,
          title,
          guidance,
          scaleMin: 0,
          scaleMax,
          required: input.required,
          position: ((await countCriteria(em)) + 1) * 10,
          example: false,
          source: null,
        });
    Object.assign(row, { areaKey: input.areaKey, title, guidance, scaleMax, required: input.required });
    em.persist(row);
    return row;
  });
}
