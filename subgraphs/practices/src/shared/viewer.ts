import type { Caller } from '@welcome-hub/kit';

/** Whose drafts a caller may see: coordinators all, editors their municipalities'. */
export interface Viewer {
  coordinator: boolean;
  ags: readonly string[];
}

export function viewerOf(caller: Caller): Viewer {
  if (caller.kind === 'anonymous') return { coordinator: false, ags: [] };
  return { coordinator: caller.role === 'coordinator', ags: caller.ags };
}

/** MikroORM condition: not a draft, or a draft the viewer may see. */
export function visibleTo(viewer: Viewer): Record<string, unknown> {
  if (viewer.coordinator) return {};
  return viewer.ags.length > 0 ? { $or: [{ draft: false }, { ownerAgs: { $in: [...viewer.ags] } }] } : { draft: false };
}
