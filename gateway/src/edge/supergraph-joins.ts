import { Kind, type ConstDirectiveNode, type DocumentNode } from 'graphql';

function argument(directive: ConstDirectiveNode, name: string) {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

/** The graphs a join directive names, leaving out external fields and unresolvable type stubs. */
export function joined(directives: readonly ConstDirectiveNode[] | undefined, name: 'join__type' | 'join__field') {
  return (directives ?? [])
    .filter((d) => d.name.value === name)
    .filter((d) => {
      const flag = argument(d, name === 'join__field' ? 'external' : 'resolvable');
      const value = flag?.kind === Kind.BOOLEAN ? flag.value : undefined;
      return name === 'join__field' ? value !== true : value !== false;
    })
    .map((d) => {
      const graph = argument(d, 'graph');
      const key = argument(d, 'key');
      return {
        graph: graph?.kind === Kind.ENUM ? graph.value : '',
        keyFields: key?.kind === Kind.STRING ? key.value.split(/[\s{}]+/).filter(Boolean) : [],
      };
    })
    .filter((j) => j.graph !== '');
}

/**
 * Which subgraphs resolve each field, by type and field name, read from the supergraph's
 * join directives and named as the subgraphs are (`practices`, not `PRACTICES`). A field
 * with its own join__field belongs to the graphs named there; any other to the graphs of
 * its type, except that an entity's key field belongs to none (every graph that refers to
 * the entity holds the key) and so do the fields of value types several graphs share.
 */
export function fieldOwners(supergraph: DocumentNode): Map<string, Map<string, string[]>> {
  const names = new Map<string, string>();
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph');
      const given = name && argument(name, 'name');
      names.set(value.name.value, given?.kind === Kind.STRING ? given.value : value.name.value.toLowerCase());
    }
  }
  const owners = new Map<string, Map<string, string[]>>();
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const types = joined(definition.directives, 'join__type');
    // A value type several graphs declare alike (PageInfo, AuditEntry) is nobody's: its
    // fields come with the field that returns it.
    const root = definition.name.value === 'Query' || definition.name.value === 'Mutation';
    const shared = !root && types.length > 1 && types.every((t) => t.keyFields.length === 0);
    const fields = new Map<string, string[]>();
    for (const field of definition.fields ?? []) {
      const declared = (field.directives ?? []).some((d) => d.name.value === 'join__field');
      const graphs = declared
        ? joined(field.directives, 'join__field').map((j) => j.graph)
        : shared
          ? []
          : types.filter((t) => !t.keyFields.includes(field.name.value)).map((t) => t.graph);
      fields.set(
        field.name.value,
        graphs.map((g) => names.get(g) ?? g),
      );
    }
    owners.set(definition.name.value, fields);
  }
  return owners;
}
