/**
 * The controls panel, generated from the manifest model. The form IS the state: `read()` derives the
 * configuration from the inputs, and `form.reset()` brings back each input's default (set as its default value).
 */
import { attributeKey, defaultConfig, slotKey, type PlaygroundConfig } from './config.js';
import type { AttributeControl, PlaygroundModel } from './manifest.js';

type Binding = (config: PlaygroundConfig) => void;

let ids = 0;
const uid = (hint: string) => `ctl-${hint.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-${++ids}`;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const code = (text: string) => h('code', {}, text);

/** `` `token-url` `` in a description becomes <code>. */
function describe(text: string): HTMLElement {
  const p = h('p', { class: 'hint' });
  text.split(/`([^`]+)`/).forEach((chunk, i) => p.append(i % 2 ? code(chunk) : chunk));
  return p;
}

export interface Controls {
  read(): PlaygroundConfig;
}

export function buildControls(form: HTMLFormElement, model: PlaygroundModel, onChange: () => void): Controls {
  const bindings: Binding[] = [];
  const group = (legend: Node | string, className = '') => {
    const fieldset = h('fieldset', className ? { class: className } : {}, h('legend', {}, legend));
    form.append(fieldset);
    return fieldset;
  };

  // Custom properties: colour pickers where the default is a colour, text otherwise.
  const props = group('Custom properties');
  for (const p of model.cssProperties) {
    const hintId = uid(`${p.name}-hint`);
    if (p.color) {
      const sub = h('fieldset', { class: 'control color', 'aria-describedby': hintId }, h('legend', {}, code(p.name)));
      const pick = (scheme: 'light' | 'dark', value: string) => {
        const id = uid(`${p.name}-${scheme}`);
        const input = h('input', { id, type: 'color', value });
        input.dataset.property = p.name;
        input.dataset.scheme = scheme;
        const hex = h('span', { class: 'hex', 'aria-hidden': 'true' }, value);
        input.addEventListener('input', () => (hex.textContent = input.value));
        form.addEventListener('reset', () => setTimeout(() => (hex.textContent = input.value)));
        sub.append(h('label', { for: id, class: 'swatch' }, input, h('span', {}, scheme === 'light' ? 'Light' : 'Dark'), hex));
        return input;
      };
      const light = pick('light', p.color.light);
      const dark = p.color.dark === undefined ? undefined : pick('dark', p.color.dark);
      sub.append(describe(`${p.description} Default: \`${p.default}\`.`));
      sub.lastElementChild!.id = hintId;
      props.append(sub);
      bindings.push((c) => (c.colors[p.name] = { light: light.value, ...(dark ? { dark: dark.value } : {}) }));
    } else {
      const id = uid(p.name);
      const input = h('input', { id, type: 'text', placeholder: p.default, 'aria-describedby': hintId, spellcheck: 'false', autocomplete: 'off' });
      input.dataset.property = p.name;
      const hint = describe(p.description);
      hint.id = hintId;
      props.append(h('div', { class: 'control' }, h('label', { for: id }, code(p.name)), input, hint));
      bindings.push((c) => (c.text[p.name] = input.value));
    }
  }

  // Parts: free-form declarations, applied through a generated ::part() rule.
  const parts = group('Parts');
  for (const part of model.parts) {
    const id = uid(`part-${part.name}`);
    const hintId = `${id}-hint`;
    const area = h('textarea', {
      id,
      rows: '2',
      spellcheck: 'false',
      'aria-describedby': hintId,
      placeholder: part.name === 'button' ? 'text-transform: uppercase;' : 'declarations…',
    });
    area.dataset.part = part.name;
    const hint = describe(`${part.description} (${part.tags.join(', ')})`);
    hint.id = hintId;
    parts.append(h('div', { class: 'control' }, h('label', { for: id }, code(`::part(${part.name})`)), area, hint));
    bindings.push((c) => (c.parts[part.name] = area.value));
  }

  const attributeControl = (fieldset: HTMLElement, a: AttributeControl, key: string) => {
    const id = uid(key);
    const hintId = `${id}-hint`;
    const hint = describe(a.description || `\`${a.name}\``);
    hint.id = hintId;
    const label = h('label', { for: id }, code(a.name));
    if (a.kind === 'boolean') {
      const box = h('input', { id, type: 'checkbox', 'aria-describedby': hintId });
      box.dataset.attribute = key;
      fieldset.append(h('div', { class: 'control check' }, box, label, hint));
      bindings.push((c) => (c.attributes[key] = box.checked));
    } else if (a.kind === 'enum') {
      const select = h('select', { id, 'aria-describedby': hintId });
      select.dataset.attribute = key;
      for (const option of a.options) {
        const o = h('option', { value: option }, option);
        o.defaultSelected = option === a.default;
        select.append(o);
      }
      fieldset.append(h('div', { class: 'control' }, label, select, hint));
      bindings.push((c) => (c.attributes[key] = select.value));
    } else {
      const input = h('input', { id, type: 'text', 'aria-describedby': hintId, spellcheck: 'false', autocomplete: 'off' });
      input.defaultValue = a.default ?? '';
      input.dataset.attribute = key;
      fieldset.append(h('div', { class: 'control' }, label, input, hint));
      bindings.push((c) => (c.attributes[key] = input.value));
    }
  };

  if (model.sharedAttributes.length) {
    const shared = group('Every element');
    for (const a of model.sharedAttributes) attributeControl(shared, a, a.name);
  }

  for (const element of model.elements) {
    if (!element.attributes.length && !element.slots.length) continue;
    const fieldset = group(code(`<${element.tag}>`));
    for (const slot of element.slots) {
      const id = uid(`${element.tag}-slot-${slot.name || 'default'}`);
      const hintId = `${id}-hint`;
      const input = h('input', { id, type: 'text', placeholder: slot.placeholder, 'aria-describedby': hintId, autocomplete: 'off' });
      input.dataset.slot = slotKey(slot);
      const hint = describe(slot.description);
      hint.id = hintId;
      const name = slot.name ? `slot="${slot.name}"` : 'Label (default slot)';
      fieldset.append(h('div', { class: 'control' }, h('label', { for: id }, slot.name ? code(name) : name), input, hint));
      bindings.push((c) => (c.slots[slotKey(slot)] = input.value));
    }
    for (const a of element.attributes) attributeControl(fieldset, a, attributeKey(element.tag, a.name, false));
  }

  const read = () => {
    const config = defaultConfig(model);
    for (const bind of bindings) bind(config);
    return config;
  };
  form.addEventListener('input', onChange);
  form.addEventListener('change', onChange);
  // `reset` fires before the inputs change back.
  form.addEventListener('reset', () => setTimeout(onChange));
  return { read };
}
