/// <reference lib="dom" />
/** The few DOM helpers every page uses: element builders, the API client, toasts. */

export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | undefined | EventListener>;

function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : String(child));
  }
}

function applyAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/** An API answer that is not 2xx: its `{error: {code, message}}`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const json = (await res.json().catch(() => undefined)) as { error?: { code: string; message: string } } | undefined;
  if (!res.ok) throw new ApiFailure(res.status, json?.error?.code ?? 'http', json?.error?.message ?? `HTTP ${res.status}`);
  return json as T;
}

export function toast(message: string, kind: 'info' | 'error' = 'info', ms = 8000): HTMLElement {
  const el = h('div', { class: `toast${kind === 'error' ? ' error' : ''}`, 'data-testid': 'toast' }, message);
  document.getElementById('toasts')?.append(el);
  setTimeout(() => el.remove(), ms);
  return el;
}

/** Replaces the page content below the header and sets the document title. */
export function render(title: string, ...children: Child[]): void {
  const main = document.getElementById('main');
  if (!main) return;
  document.title = `${title} · llm-catalog`;
  main.replaceChildren();
  append(main, [h('h1', {}, title), ...children]);
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function money(amount: number | undefined, currency = 'USD'): string {
  if (amount === undefined) return '–';
  const digits = amount !== 0 && Math.abs(amount) < 0.1 ? 4 : 2;
  return `${currency === 'USD' ? '$' : `${currency} `}${amount.toFixed(digits)}`;
}

export const number = (n: number | undefined): string => (n === undefined ? '–' : n.toLocaleString('en-US'));

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

export const modelHref = (id: string): string => `/models/${encodeURIComponent(id)}`;
