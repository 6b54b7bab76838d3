import { BREAK, type DocumentNode, visit } from 'graphql';

/** True when the document streams its results (`@defer`, `@stream`): several answers, not one. */
export function streamsResults(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(directive) {
      if (directive.name.value === 'defer' || directive.name.value === 'stream') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
