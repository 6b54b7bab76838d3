import { renderSvg, type Measure } from './chart.js';
import { DataError, isEmpty, readChart, type ChartData } from './data.js';
import { escapeHtml } from './format.js';
import { renderLegend, renderSource, renderState, renderTableBlock } from './markup.js';
import { SpecError, specFromAttributes, type ChartSpec } from './spec.js';
import { STYLE } from './style.js';

// <welcome-hub-chart>: a figure of the hub on any page. It runs a trusted document by GET
// (anonymous, so shared caches may serve it; no cookies, so no credentialed CORS) and draws
// it in its own shadow root. Classic script: a page loads it without CORS for the script.

/** Operation name → trusted document id, for the presets; written in by the build (vite.embed.config.ts). */
declare const __WELCOME_HUB_DOCUMENTS__: Record<string, string>;

/** The hub that served this script: where an element without `src` asks. */
const script = document.currentScript as HTMLScriptElement | null;
const scriptOrigin = script?.src ? new URL(script.src).origin : location.origin;

/** Every query the hub trusts, by name (/embed/operations.json), fetched once per hub for generic charts. */
const catalogues = new Map<string, Promise<Record<string, string>>>();

async function documentId(spec: ChartSpec, hub: string): Promise<string> {
  if (spec.documentId) return spec.documentId;
  const operation = spec.operation!;
  if (__WELCOME_HUB_DOCUMENTS__[operation]) return __WELCOME_HUB_DOCUMENTS__[operation];
  let catalogue = catalogues.get(hub);
  if (!catalogue) {
    catalogue = fetch(`${hub}/embed/operations.json`, { credentials: 'omit' }).then((r) => (r.ok ? r.json() : {}));
    catalogue.catch(() => catalogues.delete(hub));
    catalogues.set(hub, catalogue);
  }
  const id = (await catalogue)[operation];
  if (!id) throw new SpecError(`The hub at ${hub} has no trusted query named "${operation}".`);
  return id;
}

let canvas: CanvasRenderingContext2D | null | undefined;

/** Text widths in the host's font (one canvas for every chart), so labels wrap and values fit whatever the font. */
function measurer(host: Element, fontSize: number): Measure | undefined {
  canvas ??= document.createElement('canvas').getContext('2d');
  const context = canvas;
  if (!context) return undefined;
  const family = getComputedStyle(host).fontFamily;
  return (text, bold) => {
    context.font = `${bold ? 700 : 400} ${fontSize * 0.875}px ${family}`;
    return context.measureText(text).width;
  };
}

let sheet: CSSStyleSheet | undefined;

/** The stylesheet as a constructed sheet (no inline <style>, which a strict CSP refuses), else as a <style>. */
function adoptStyle(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = STYLE;
    (root as ShadowRoot).append(style);
  }
}

const ATTRIBUTES = [
  'src',
  'chart',
  'operation',
  'document-id',
  'variables',
  'rows',
  'label',
  'label-name',
  'value',
  'value-label',
  'type',
  'stacked',
];
const MORE_ATTRIBUTES = [
  'heading',
  'heading-level',
  'description',
  'format',
  'max',
  'null-label',
  'source',
  'licence',
  'table',
];

/** A chart of the hub's figures, with its data table and source; see /embed/demo.html. */
class WelcomeHubChart extends HTMLElement {
  static observedAttributes = [...ATTRIBUTES, ...MORE_ATTRIBUTES];

  #root: ShadowRoot;
  #container: HTMLDivElement;
  #controller?: AbortController;
  #observer?: ResizeObserver;
  #shown?: { chart: ChartData; spec: ChartSpec; width: number };
  #scheduled = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyle(this.#root);
    this.#container = document.createElement('div');
    this.#container.addEventListener('click', (event) => {
      if ((event.target as Element).closest('.retry')) void this.#load();
    });
    this.#root.append(this.#container);
  }

  connectedCallback(): void {
    this.#schedule();
    this.#observer = new ResizeObserver(() => this.#resize());
    this.#observer.observe(this);
  }

  disconnectedCallback(): void {
    this.#controller?.abort();
    this.#observer?.disconnect();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.#schedule();
  }

  /** One load for any number of attribute changes in the same task. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) void this.#load();
    });
  }

  #part(name: string): HTMLElement {
    return this.#container.querySelector(`.${name}`)!;
  }

  #setState(state: 'loading' | 'ready' | 'empty' | 'error'): void {
    this.dataset.state = state;
    if (state !== 'ready') this.#part('body').innerHTML = renderState(state);
  }

  async #load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.#shown = undefined;
    const level = Math.min(6, Math.max(2, Number(this.getAttribute('heading-level')) || 3));
    let spec: ChartSpec | undefined;
    try {
      spec = specFromAttributes((name) => this.getAttribute(name));
    } catch (error) {
      console.warn(`<welcome-hub-chart>: ${(error as Error).message}`);
    }
    const heading = spec?.heading ?? this.getAttribute('heading') ?? 'Zahlen aus dem Welcome Hub';
    this.#container.innerHTML = `<h${level} class="heading">${escapeHtml(heading)}</h${level}><div class="body"></div><div class="table"></div><div class="foot"></div>`;
    if (!spec) return this.#setState('error');
    this.#setState('loading');
    const hub = (this.getAttribute('src') || scriptOrigin).replace(/\/+$/, '');
    try {
      const params = new URLSearchParams({
        documentId: await documentId(spec, hub),
        variables: JSON.stringify(spec.variables),
      });
      const response = await fetch(`${hub}/graphql?${params}`, {
        headers: { accept: 'application/json', 'x-graphql-csrf': '1' },
        credentials: 'omit',
        signal: controller.signal,
      });
      const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
      if (!body.data) throw new DataError(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
      const chart = readChart(body.data, spec);
      if (controller.signal.aborted) return;
      if (isEmpty(chart)) return this.#setState('empty');
      this.#part('table').innerHTML = renderTableBlock(
        chart,
        spec,
        spec.type === 'table' || this.getAttribute('table') === 'open',
      );
      this.#part('foot').innerHTML = renderSource(spec, new Date(), hub);
      this.#setState('ready');
      this.#draw(chart, spec, true);
    } catch (error) {
      if (controller.signal.aborted) return;
      console.warn(`<welcome-hub-chart>: ${(error as Error).message}`);
      this.#setState('error');
    }
  }

  /** Draws the chart for the element's current width; the bars grow in on the first drawing only. */
  #draw(chart: ChartData, spec: ChartSpec, first: boolean): void {
    const body = this.#part('body');
    const width = body.clientWidth || 600;
    this.#shown = { chart, spec, width };
    if (spec.type === 'table') {
      body.innerHTML = '';
      return;
    }
    const fontSize = parseFloat(getComputedStyle(this).fontSize) || 16;
    body.classList.toggle('grow', first);
    const layout = { width, fontSize, measure: measurer(this, fontSize) };
    body.innerHTML =
      renderLegend(chart, spec) + renderSvg(chart, spec, layout, { title: 'chart-title', desc: 'chart-desc' });
  }

  #resize(): void {
    const shown = this.#shown;
    if (shown && Math.abs(this.#part('body').clientWidth - shown.width) >= 1)
      this.#draw(shown.chart, shown.spec, false);
  }
}

if (!customElements.get('welcome-hub-chart')) customElements.define('welcome-hub-chart', WelcomeHubChart);
