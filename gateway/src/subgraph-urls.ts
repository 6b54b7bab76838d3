/**
 * Subgraph URLs from the environment: SUBGRAPH_<NAME>_URL, e.g.
 * SUBGRAPH_MUNICIPALITIES_URL=http://municipalities:4001/graphql.
 */
export function subgraphUrlsFromEnv(names: string[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of names) {
    const value = env[`SUBGRAPH_${name.toUpperCase()}_URL`];
    if (value) urls[name] = value;
  }
  return urls;
}
