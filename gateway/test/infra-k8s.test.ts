import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseConfig, subgraphEnv } from '@welcome-hub/kit';
import { subgraphs } from '@welcome-hub/schema';
import { distributedGatewayConfig } from '../src/gateway-config.js';
import {
  repoPath,
  K8S_DIR,
  GATEWAY_PORT,
  NAMESPACE,
  IMAGE,
  CONFIG_MAP,
  SECRET,
  REDIS_IMAGE,
  REDIS_URL,
  MEILISEARCH_IMAGE,
  expectExplicitOrigins,
  envName,
  subgraphUrl,
  subgraphCommand,
  GATEWAY_COMMAND,
  SEED_COMMAND,
  subgraphCases,
  composeText,
  placeholderFor,
} from './infra/common.js';

// infra/k8s cannot be applied here (no cluster): these tests parse its manifests and hold
// them to the subgraph list, so a new subgraph without its workloads fails here.
import {
  type Container,
  API_VERSIONS,
  manifestFiles,
  parsedManifests,
  objects,
  ofKind,
  find,
  workloads,
  podLabels,
  selects,
  mainContainer,
  containerPortOf,
  envValue,
  configMap,
} from './infra/k8s.js';

describe('infra/k8s', () => {
  it('holds manifests that parse into objects with apiVersion, kind and metadata.name in the welcome-hub namespace', () => {
    expect(manifestFiles.length).toBeGreaterThan(0);
    for (const { file, documents } of parsedManifests) {
      expect({ file, errors: documents.flatMap((d) => d.errors.map((e) => e.message)) }).toEqual({ file, errors: [] });
    }
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      expect({ kind: o.kind, apiVersion: o.apiVersion }).toEqual({
        kind: o.kind,
        apiVersion: API_VERSIONS[o.kind] ?? 'a known kind',
      });
      expect(o.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      if (o.kind !== 'Namespace')
        expect({ object: `${o.kind}/${o.metadata.name}`, namespace: o.metadata.namespace }).toEqual({
          object: `${o.kind}/${o.metadata.name}`,
          namespace: NAMESPACE,
        });
    }
    expect(find('Namespace', NAMESPACE).metadata.name).toBe(NAMESPACE);
  });

  it('commits no Secret, only the ConfigMap of non-secret settings with string values', () => {
    expect(ofKind('Secret')).toEqual([]);
    const data = configMap().data ?? {};
    for (const [key, value] of Object.entries(data))
      expect({ key, type: typeof value }).toEqual({ key, type: 'string' });
    for (const secret of ['DATABASE_URL', 'JWT_SECRET', 'JWT_JWKS_URL', 'GATEWAY_SECRET', 'MEILI_MASTER_KEY'])
      expect(data).not.toHaveProperty(secret);
    expect(data).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0' });
  });

  it('lets every workload select its own pods, and its Service select them on a container port', () => {
    expect(workloads.length).toBeGreaterThan(0);
    for (const workload of workloads) {
      const name = workload.metadata.name;
      const labels = podLabels(workload);
      expect({ name, selected: selects(workload.spec?.selector?.matchLabels ?? {}, labels) }).toEqual({
        name,
        selected: true,
      });
      const svc = find('Service', name);
      const selector = (svc.spec?.selector ?? {}) as Record<string, string>;
      expect({ service: name, selectsPods: selects(selector, labels) }).toEqual({ service: name, selectsPods: true });
      for (const other of workloads.filter((w) => w !== workload)) {
        expect({
          service: name,
          alsoSelects: other.metadata.name,
          selected: selects(selector, podLabels(other)),
        }).toEqual({
          service: name,
          alsoSelects: other.metadata.name,
          selected: false,
        });
      }
      const container = mainContainer(workload);
      expect(svc.spec?.ports?.length).toBeGreaterThan(0);
      for (const port of svc.spec?.ports ?? []) {
        expect({ service: name, targetPort: containerPortOf(container, port.targetPort ?? port.port) }).toEqual({
          service: name,
          targetPort: port.port,
        });
      }
    }
  });

  it.each([...subgraphCases, ['gateway', GATEWAY_PORT] as const])(
    'runs %s as a Deployment on port %i with readiness and /healthz probes, limits and a non-root user',
    (name, port) => {
      const deployment = find('Deployment', name);
      const container = mainContainer(deployment);
      const pod = deployment.spec!.template!.spec;
      expect(container.image).toBe(IMAGE);
      expect(container.command).toEqual(name === 'gateway' ? GATEWAY_COMMAND : subgraphCommand(name));
      expect(envValue(container, 'PORT')).toBe(String(port));
      expect(container.ports?.map((p) => p.containerPort)).toEqual([port]);
      // The gateway stays ready while a subgraph is down: it answers partially (its /readyz names the subgraph).
      expect(container.readinessProbe?.httpGet?.path).toBe(name === 'gateway' ? '/healthz' : '/readyz');
      expect(containerPortOf(container, container.readinessProbe?.httpGet?.port)).toBe(port);
      expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(containerPortOf(container, container.livenessProbe?.httpGet?.port)).toBe(port);
      if (container.startupProbe) expect(containerPortOf(container, container.startupProbe.httpGet?.port)).toBe(port);
      expect(container.resources).toEqual({
        requests: { cpu: expect.any(String), memory: expect.any(String) },
        limits: { cpu: expect.any(String), memory: expect.any(String) },
      });
      expect(pod.securityContext?.runAsNonRoot ?? container.securityContext?.runAsNonRoot).toBe(true);
      expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
      expect(container.envFrom).toEqual([{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: SECRET } }]);
      for (const e of container.env ?? [])
        if (e.value !== undefined)
          expect({ env: e.name, type: typeof e.value }).toEqual({ env: e.name, type: 'string' });
      expect(find('Service', name).spec?.ports?.map((p) => p.port)).toEqual([port]);
    },
  );

  it('tells the gateway where every subgraph Service listens, and nothing else', () => {
    const urls = Object.fromEntries(
      Object.entries(configMap().data ?? {}).filter(([key]) => /^SUBGRAPH_\w+_URL$/.test(key)),
    );
    expect(urls).toEqual(
      Object.fromEntries(subgraphs.map((s) => [envName(s.name), subgraphUrl(s.name, s.defaultPort)])),
    );
  });

  it('seeds with a Job that runs the seed as a non-root user with the shared configuration', () => {
    const job = find('Job', 'seed');
    const container = mainContainer(job);
    const pod = job.spec!.template!.spec;
    expect(container.image).toBe(IMAGE);
    expect(container.command).toEqual(SEED_COMMAND);
    expect(['OnFailure', 'Never']).toContain(pod.restartPolicy);
    expect(pod.securityContext?.runAsNonRoot ?? container.securityContext?.runAsNonRoot).toBe(true);
    expect(container.envFrom).toEqual([{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: SECRET } }]);
    expect(container.resources?.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
  });

  /** Workloads that run the hub's image: the seed Job, every subgraph and the gateway. */
  const hubWorkloads = () => objects.filter((o) => o.spec?.template?.spec.containers.some((c) => c.image === IMAGE));
  /** What a container sees: the ConfigMap, overridden by its own literal `env` values. */
  const effectiveConfig = (container: Container): Record<string, unknown> => ({
    ...configMap().data,
    ...Object.fromEntries((container.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value])),
  });

  it("names one public https URL for every process, the own OpenID provider's issuer being PUBLIC_URL/oidc", () => {
    const publicUrl = String(configMap().data?.PUBLIC_URL ?? '');
    expect(new URL(publicUrl).origin).toBe(publicUrl);
    expect(publicUrl).toMatch(/^https:\/\//);
    for (const workload of hubWorkloads()) {
      const env = mainContainer(workload).env ?? [];
      expect({
        workload: workload.metadata.name,
        overrides: env.filter((e) => e.name === 'PUBLIC_URL' || e.name === 'OIDC_ISSUER'),
      }).toEqual({ workload: workload.metadata.name, overrides: [] });
    }
  });

  it('gives every hub process the same GATEWAY_SECRET, by name from the Secret', () => {
    const names = hubWorkloads()
      .map((o) => `${o.kind}/${o.metadata.name}`)
      .sort();
    expect(names).toEqual(['Deployment/gateway', 'Job/seed', ...subgraphs.map((s) => `Deployment/${s.name}`)].sort());
    const sources = hubWorkloads().map((o) => {
      const container = mainContainer(o);
      const entries = (container.env ?? []).filter((e) => e.name === 'GATEWAY_SECRET');
      return { workload: `${o.kind}/${o.metadata.name}`, entries };
    });
    for (const { workload, entries } of sources) {
      // Named with secretKeyRef: a Secret without the key keeps the pod from starting.
      expect({ workload, entries }).toEqual({
        workload,
        entries: [{ name: 'GATEWAY_SECRET', valueFrom: { secretKeyRef: { name: SECRET, key: 'GATEWAY_SECRET' } } }],
      });
    }
  });

  it('gives every hub workload a configuration it accepts in production: the ConfigMap, and the Secret keys it names', () => {
    const problems = hubWorkloads().flatMap((workload) => {
      const container = mainContainer(workload);
      const secrets = Object.fromEntries(
        (container.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => [e.name, placeholderFor(e.name)]),
      );
      const env = {
        ...Object.fromEntries(Object.entries(effectiveConfig(container)).map(([k, v]) => [k, String(v)])),
        ...secrets,
      };
      try {
        if (workload.metadata.name === 'gateway') distributedGatewayConfig(env);
        else parseConfig(subgraphEnv, env);
        return [];
      } catch (error) {
        return [`${workload.kind}/${workload.metadata.name}: ${(error as Error).message}`];
      }
    });
    expect(problems).toEqual([]);
  });

  it("runs the packaged binary's Meilisearch version in the meilisearch StatefulSet, and no other version anywhere in infra/", () => {
    expect(mainContainer(find('StatefulSet', 'meilisearch')).image).toBe(MEILISEARCH_IMAGE);
    const texts = [
      composeText,
      readFileSync(repoPath('infra/README.md'), 'utf8'),
      ...manifestFiles.map((file) => readFileSync(`${K8S_DIR}${file}`, 'utf8')),
    ];
    const images = texts.flatMap((text) =>
      [...text.matchAll(/getmeili\/meilisearch:[\w.-]+/g)].map(([image]) => image),
    );
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect([...new Set(images)]).toEqual([MEILISEARCH_IMAGE]);
  });

  it("shares the gateway replicas' rate limits through a Redis Deployment and Service without persistence", () => {
    const gateway = mainContainer(find('Deployment', 'gateway'));
    expect(effectiveConfig(gateway).REDIS_URL).toBe(REDIS_URL);
    const url = new URL(REDIS_URL);
    const deployment = find('Deployment', url.hostname);
    const redis = mainContainer(deployment);
    expect(redis.image).toBe(REDIS_IMAGE);
    expect(find('Service', url.hostname).spec?.ports?.map((p) => p.port)).toEqual([Number(url.port)]);
    const args = [...(redis.command ?? []), ...(redis.args ?? [])];
    expect(args[args.indexOf('--save') + 1]).toBe('');
    expect(args[args.indexOf('--appendonly') + 1]).toBe('no');
    // Nothing persistent: no PersistentVolumeClaim, at most an emptyDir.
    for (const volume of deployment.spec?.template?.spec.volumes ?? [])
      expect(Object.keys(volume).sort()).toEqual(['emptyDir', 'name']);
    expect(ofKind('PersistentVolumeClaim').filter((o) => o.metadata.name.includes('redis'))).toEqual([]);
    expect(deployment.spec?.template?.spec.securityContext?.runAsNonRoot ?? redis.securityContext?.runAsNonRoot).toBe(
      true,
    );
    expect(redis.securityContext?.allowPrivilegeEscalation).toBe(false);
  });

  it('allows explicit browser origins only (never *) and trusted documents for anonymous callers', () => {
    const config = effectiveConfig(mainContainer(find('Deployment', 'gateway')));
    expectExplicitOrigins(config.CORS_ORIGINS as string | undefined);
    expect(config.TRUSTED_DOCUMENTS).toBe('anonymous');
    expect(config.TRUST_PROXY_HOPS).toMatch(/^\d+$/);
  });

  it('exposes the gateway only: ClusterIP Services, no host ports, any Ingress to the gateway', () => {
    for (const svc of ofKind('Service')) {
      expect({ service: svc.metadata.name, type: svc.spec?.type ?? 'ClusterIP' }).toEqual({
        service: svc.metadata.name,
        type: 'ClusterIP',
      });
    }
    for (const workload of objects.filter((o) => o.spec?.template)) {
      const pod = workload.spec!.template!.spec;
      const hostPorts = pod.containers.flatMap((c) => (c.ports ?? []).filter((p) => p.hostPort !== undefined));
      expect({ workload: workload.metadata.name, hostNetwork: pod.hostNetwork ?? false, hostPorts }).toEqual({
        workload: workload.metadata.name,
        hostNetwork: false,
        hostPorts: [],
      });
    }
    for (const ingress of ofKind('Ingress')) {
      const backends = [
        ingress.spec?.defaultBackend,
        ...(ingress.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend)),
      ].filter((b) => b !== undefined);
      for (const backend of backends)
        expect({ ingress: ingress.metadata.name, service: backend.service?.name }).toEqual({
          ingress: ingress.metadata.name,
          service: 'gateway',
        });
    }
  });

  it('lets only gateway pods reach the subgraphs and Redis (NetworkPolicy)', () => {
    const gatewayLabels = podLabels(find('Deployment', 'gateway'));
    const policiesFor = (labels: Record<string, string>) =>
      ofKind('NetworkPolicy').filter((p) => selects(p.spec?.podSelector?.matchLabels ?? {}, labels));
    for (const name of [...subgraphs.map((s) => s.name), 'redis']) {
      const policies = policiesFor(podLabels(find('Deployment', name)));
      expect({ workload: name, policies: policies.length }).toEqual({ workload: name, policies: 1 });
      const policy = policies[0]!;
      expect(policy.spec?.policyTypes).toContain('Ingress');
      const peers = (policy.spec?.ingress ?? []).flatMap((rule) => rule.from ?? []);
      expect(peers.length).toBeGreaterThan(0);
      for (const peer of peers) {
        // A pod selector in this namespace that matches the gateway and nothing else.
        expect({ workload: name, namespaceSelector: peer.namespaceSelector, ipBlock: peer.ipBlock }).toEqual({
          workload: name,
          namespaceSelector: undefined,
          ipBlock: undefined,
        });
        const selector = peer.podSelector?.matchLabels ?? {};
        expect(selects(selector, gatewayLabels)).toBe(true);
        for (const other of workloads.filter((w) => w.metadata.name !== 'gateway')) {
          expect({
            peerOf: name,
            alsoSelects: other.metadata.name,
            selected: selects(selector, podLabels(other)),
          }).toEqual({ peerOf: name, alsoSelects: other.metadata.name, selected: false });
        }
      }
    }
  });
});
