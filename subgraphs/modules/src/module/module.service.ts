import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  ConflictError,
  InputValidator,
  NotFoundError,
  pageWindow,
  requireUser,
  subjectOf,
  toConnection,
  type ConnectionResult,
  type PageArgs,
} from '@welcome-hub/kit';
import { knownMunicipality } from '@welcome-hub/reference';
import type { Context } from '../context.js';
import { modulesPolicy as policy } from '../policy.js';
import {
  AdoptionEntity,
  ModuleVersionEntity,
  type AdoptionRow,
  type ModuleRow,
  type ModuleVersionRow,
} from './module.entity.js';
import type { ModuleOrder } from './module.order.js';
import { findAdoption, findModule, findModulePage } from './module.repository.js';
import type { AddModuleVersionInput, ModuleFilter, SetModuleAdoptionInput, UpdateModuleInput } from './module.type.js';

async function loadModule(ctx: Context, id: string, field: string): Promise<ModuleRow> {
  new InputValidator().uuid(id, field, 'a module').throwIfInvalid();
  const module = await findModule(ctx.em, id);
  if (!module) throw new NotFoundError('Module', id);
  return module;
}

/** One module by slug, through the request's loader (batched with the other lookups); null when unknown. */
export function getModuleBySlug(ctx: Context, slug: string): Promise<ModuleRow | null> {
  return ctx.loaders.moduleBySlug.load(slug);
}

export async function listModules(
  ctx: Context,
  filter: ModuleFilter | null,
  page: PageArgs,
  order: ModuleOrder | null = null,
): Promise<ConnectionResult<ModuleRow>> {
  const window = pageWindow(page);
  const { rows, total } = await findModulePage(ctx.em, filter ?? {}, window, order);
  return toConnection(rows, total, window);
}

/** Coordinators edit modules; criteria must exist in the catalogue. */
export async function updateModule(ctx: Context, input: UpdateModuleInput): Promise<ModuleRow> {
  policy.require(ctx.caller, 'module:write');
  const module = await loadModule(ctx, input.id, 'input.id');
  const v = new InputValidator();
  if (input.title !== undefined) v.check(input.title !== null, 'input.title', 'cannot be cleared');
  if (input.summary !== undefined) v.check(input.summary !== null, 'input.summary', 'cannot be cleared');
  const title = input.title ? v.text(input.title, 'input.title', { min: 3, max: 200 }) : undefined;
  const summary = input.summary ? v.text(input.summary, 'input.summary', { min: 10, max: 2000 }) : undefined;
  const description =
    input.description == null ? input.description : v.text(input.description, 'input.description', { max: 20000 });
  if (input.criteria != null) {
    const catalogue = await ctx.loaders.catalogue.load('all');
    for (const [i, key] of input.criteria.entries()) {
      v.check(catalogue.criterion.has(key), `input.criteria[${i}]`, `no criterion has the key "${key}"`);
    }
  }
  v.throwIfInvalid();
  if (title !== undefined) module.title = title;
  if (summary !== undefined) module.summary = summary;
  if (description !== undefined) module.description = description;
  if (input.licence !== undefined) module.licence = input.licence;
  if (input.criteria != null) module.criteria = [...new Set(input.criteria)];
  module.updatedBy = subjectOf(ctx.caller);
  await ctx.em.flush();
  return module;
}

export async function addModuleVersion(ctx: Context, input: AddModuleVersionInput): Promise<ModuleVersionRow> {
  policy.require(ctx.caller, 'module:write');
  const module = await loadModule(ctx, input.moduleId, 'input.moduleId');
  const v = new InputValidator();
  const version = v.text(input.version, 'input.version', { max: 40 });
  const releasedOn = v.isoDate(input.releasedOn, 'input.releasedOn');
  const notes = input.notes == null ? null : v.text(input.notes, 'input.notes', { max: 5000 });
  const links = v.links(input.links ?? [], 'input.links');
  v.throwIfInvalid();
  const versionData = { moduleId: module.id, version, releasedOn: releasedOn!, notes, links };
  const row = ctx.em.create(ModuleVersionEntity, versionData);
  try {
    await ctx.em.persist(row).flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw new ConflictError(`Version "${version}" of this module already exists.`);
    throw error;
  }
  return row;
}

/** Creates or updates a municipality's adoption; editors for their own municipalities. */
export async function setModuleAdoption(ctx: Context, input: SetModuleAdoptionInput): Promise<AdoptionRow> {
  requireUser(ctx.caller);
  const v = new InputValidator();
  knownMunicipality(v, input.ags, 'input.ags');
  const localNotes = input.localNotes == null ? null : v.text(input.localNotes, 'input.localNotes', { max: 5000 });
  const links = v.links(input.links ?? [], 'input.links');
  v.throwIfInvalid();
  policy.require(ctx.caller, 'adoption:write', { ags: input.ags });
  const module = await loadModule(ctx, input.moduleId, 'input.moduleId');
  let adoption = await findAdoption(ctx.em, module.id, input.ags);
  if (adoption) {
    Object.assign(adoption, { status: input.status, localNotes, links, updatedBy: subjectOf(ctx.caller) });
  } else {
    adoption = ctx.em.create(AdoptionEntity, {
      moduleId: module.id,
      municipalityAgs: input.ags,
      status: input.status,
      localNotes,
      links,
      updatedBy: subjectOf(ctx.caller),
    });
    ctx.em.persist(adoption);
  }
  await ctx.em.flush();
  return adoption;
}
