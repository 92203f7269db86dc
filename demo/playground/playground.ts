/**
 * The designers' playground: the state grid, the controls generated from custom-elements.json, the snippet,
 * and the event log of the workbench frame (workbench.ts) where real ceremonies run.
 */
import '../../src/index.js'; // defines the three elements
import manifestJson from '../../custom-elements.json';
import { attributesOf, slotKey, snippet, snippetCss, type PlaygroundConfig } from './config.js';
import { buildControls } from './controls.js';
import { EVENT_TYPES, formatDetail } from './format.js';
import { readManifest, type Manifest, type PlaygroundModel } from './manifest.js';
import { buildShowcase, type Tile } from './showcase.js';

declare global {
  interface Window {
    /** Set by the workbench frame when its elements are defined (see workbench.ts). */
    playgroundWorkbench?: { document: Document; applyCss(css: string): void };
    /** Called by the workbench frame once it is ready, in case it is ready after this page. */
    attachWorkbench?: () => void;
  }
}

const model: PlaygroundModel = readManifest(manifestJson as Manifest);
// A sign-in page's order first; elements the page does not know yet follow in manifest order.
const ORDER = ['passkey-autofill-input', 'passkey-signin-button', 'add-passkey-button'];
const rank = (tag: string) => (ORDER.includes(tag) ? ORDER.indexOf(tag) : ORDER.length);
model.elements.sort((a, b) => rank(a.tag) - rank(b.tag));
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

// Applied with a constructed stylesheet, not a <style> element: it passes a CSP without 'unsafe-inline'.
const themeSheet = new CSSStyleSheet();
document.adoptedStyleSheets = [...document.adoptedStyleSheets, themeSheet];

// Language: the elements follow the nearest lang attribute. Changing it reloads the page, so the states and the
// "after" tiles' messages are all produced again in that language.
const language = new URLSearchParams(location.search).get('lang') ?? 'en';
$('#showcase').lang = language;
$<HTMLSelectElement>('#language').value = language;
$('#language').addEventListener('change', (event) => {
  const url = new URL(location.href);
  url.searchParams.set('lang', (event.target as HTMLSelectElement).value);
  location.assign(url);
});

const showcase = buildShowcase($('#showcase'), model.elements);
const controls = buildControls($<HTMLFormElement>('#controls'), model, update);
update();
void showcase.start();

function update(): void {
  const config = controls.read();
  const css = snippetCss(model, config);
  // The page applies exactly the CSS the snippet shows.
  themeSheet.replaceSync(css);
  window.playgroundWorkbench?.applyCss(css);
  for (const tile of showcase.tiles) applyToTile(tile, config);
  $('#snippet').textContent = snippet(model, config);
}

/** Attributes and label text from the controls, on top of what the tile needs to stay in its state. */
function applyToTile(tile: Tile, config: PlaygroundConfig): void {
  const { element, tag } = tile;
  const wanted = new Map(Object.entries(tile.baseline));
  for (const [name, value] of attributesOf(model, tag, config)) wanted.set(name, value);
  const controlled = [
    ...model.sharedAttributes.map((a) => a.name),
    ...(model.elements.find((e) => e.tag === tag)?.attributes.map((a) => a.name) ?? []),
  ];
  for (const name of controlled) {
    const value = wanted.get(name);
    if (value === undefined) element.removeAttribute(name);
    else if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }
  const slots = model.elements.find((e) => e.tag === tag)?.slots ?? [];
  if (slots.length === 0) return;
  const nodes = slots.flatMap((slot): Node[] => {
    const text = (config.slots[slotKey(slot)] ?? '').trim();
    if (!text) return [];
    if (!slot.name) return [document.createTextNode(text)];
    const span = document.createElement('span');
    span.slot = slot.name;
    span.textContent = text;
    return [span];
  });
  element.replaceChildren(...nodes);
}

// On a phone the controls would push the states a screen-length down: start them folded.
if (matchMedia('(max-width: 900px)').matches) $<HTMLDetailsElement>('#panel-details').open = false;

// Column width: the panes become 360 px phone columns.
$('#width').addEventListener('change', (event) => {
  $('#showcase').dataset.width = (event.target as HTMLInputElement).value;
});

// Copy: the async clipboard where allowed, else a selection and execCommand (http: pages on other hosts).
$('#copy').addEventListener('click', async () => {
  const text = $('#snippet').textContent ?? '';
  const status = $('#copy-status');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = 'Copied to the clipboard.';
  } catch {
    const area = Object.assign(document.createElement('textarea'), { value: text, readOnly: true });
    area.setAttribute('aria-hidden', 'true');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    status.textContent = ok ? 'Copied to the clipboard.' : 'Copy failed: select the snippet and copy it yourself.';
  }
});

// The workbench frame: log its events, style it like the rest.
const log = $('#log');
$('#clear-log').addEventListener('click', () => log.replaceChildren());

function logEvent(event: Event): void {
  const target = event.composedPath()[0] as HTMLElement;
  const item = document.createElement('li');
  const time = document.createElement('time');
  const now = new Date();
  time.dateTime = now.toISOString();
  time.textContent = now.toLocaleTimeString([], { hour12: false });
  const part = (className: string, text: string) => Object.assign(document.createElement('code'), { className, textContent: text });
  item.dataset.type = event.type;
  item.dataset.source = target.localName;
  // The detail shown is masked; nothing from it leaves the page.
  item.append(time, part('source', `<${target.localName}>`), part('event', event.type), part('detail', formatDetail((event as Event & { detail?: unknown }).detail)));
  log.append(item);
  log.scrollTop = log.scrollHeight;
}

let attached = false;
window.attachWorkbench = () => {
  const bench = window.playgroundWorkbench ?? $<HTMLIFrameElement>('#workbench').contentWindow?.playgroundWorkbench;
  if (!bench || attached) return;
  attached = true;
  window.playgroundWorkbench = bench;
  for (const type of EVENT_TYPES) bench.document.addEventListener(type, logEvent);
  bench.applyCss(snippetCss(model, controls.read()));
  // As tall as its content, whatever the width (CSSOM, which the CSP allows, unlike a style attribute).
  const frame = $<HTMLIFrameElement>('#workbench');
  const fit = () => (frame.style.height = `${bench.document.documentElement.scrollHeight}px`);
  new ResizeObserver(fit).observe(bench.document.body);
  fit();
};
window.attachWorkbench();

/**
 * The workbench runs in a frame of its own (see workbench.ts for why), loaded as `srcdoc`: a same-origin document
 * without a response of its own, so the demo server's `frame-ancestors 'none'` / `X-Frame-Options: DENY` (right
 * for every real page) does not apply to it, while its CSP, origin and cookies are this page's.
 */
async function loadWorkbench(): Promise<void> {
  const frame = $<HTMLIFrameElement>('#workbench');
  try {
    const response = await fetch('/playground/workbench.html', { credentials: 'same-origin' });
    if (!response.ok) throw new Error(String(response.status));
    frame.srcdoc = await response.text();
  } catch {
    $('#workbench-hint').textContent = 'The workbench could not be loaded: is the playground built and served?';
  }
}
void loadWorkbench();
