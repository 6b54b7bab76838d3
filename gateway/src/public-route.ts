/** How the distributed gateway forwards one public route to the subgraph process that serves it. */
export interface PublicRoute {
  subgraph: string;
  /** Any method with its body (a reverse proxy), or GET and HEAD only. */
  methods: 'any' | 'read';
  /** Request headers passed on; anything else (Host, hop-by-hop headers) is not. */
  requestHeaders: readonly string[];
  /** Response headers passed back; names ending in "*" are prefixes. */
  responseHeaders: readonly string[];
  /** Add X-Forwarded-Proto, -Host and -For describing the public request. */
  forwarded: boolean;
}
