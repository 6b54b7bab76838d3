import { expect } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { CONFIG_MAP, K8S_DIR } from './common.js';

/** infra/k8s parsed: its objects and the lookups the tests share. */
export interface Probe {
  httpGet?: { path?: string; port?: number | string };
}
export interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: unknown; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number; hostPort?: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; allowPrivilegeEscalation?: boolean };
}
export interface PodSpec {
  containers: Container[];
  hostNetwork?: boolean;
  volumes?: ({ name: string } & Record<string, unknown>)[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  restartPolicy?: string;
}
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, unknown>;
  spec?: {
    selector?: { matchLabels?: Record<string, string> } & Record<string, unknown>;
    template?: { metadata?: { labels?: Record<string, string> }; spec: PodSpec };
    ports?: { name?: string; port: number; targetPort?: number | string }[];
    /** Service */
    type?: string;
    /** StatefulSet */
    volumeClaimTemplates?: unknown[];
    /** Ingress */
    defaultBackend?: IngressBackend;
    rules?: { http?: { paths?: { backend: IngressBackend }[] } }[];
    /** NetworkPolicy */
    podSelector?: { matchLabels?: Record<string, string> };
    policyTypes?: string[];
    ingress?: {
      from?: {
        podSelector?: { matchLabels?: Record<string, string> };
        namespaceSelector?: unknown;
        ipBlock?: unknown;
      }[];
    }[];
  };
}
export interface IngressBackend {
  service?: { name: string };
}

export const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  ConfigMap: 'v1',
  Service: 'v1',
  ServiceAccount: 'v1',
  PersistentVolumeClaim: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
  Ingress: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};

export const manifestFiles = readdirSync(K8S_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();
export const parsedManifests = manifestFiles.map((file) => ({
  file,
  documents: [...parseAllDocuments(readFileSync(`${K8S_DIR}${file}`, 'utf8'))],
}));
export const objects: K8sObject[] = parsedManifests.flatMap(({ documents }) =>
  documents.map((d) => d.toJS() as K8sObject | null).filter((o): o is K8sObject => o !== null),
);
export const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
export const find = (kind: string, name: string): K8sObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`infra/k8s has no ${kind} "${name}"`);
  return found;
};
export const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
export const podLabels = (o: K8sObject) => o.spec?.template?.metadata?.labels ?? {};
export const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
export const mainContainer = (o: K8sObject): Container => {
  const containers = o.spec?.template?.spec.containers ?? [];
  expect(containers).toHaveLength(1);
  return containers[0]!;
};
/** A probe's or Service's port (number or name) as the container's port number. */
export const containerPortOf = (container: Container, port: number | string | undefined) =>
  typeof port === 'number'
    ? container.ports?.find((p) => p.containerPort === port)?.containerPort
    : container.ports?.find((p) => p.name === port)?.containerPort;
export const envValue = (container: Container, name: string) => container.env?.find((e) => e.name === name)?.value;
export const configMap = () => find('ConfigMap', CONFIG_MAP);
