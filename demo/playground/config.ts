/**
 * The playground's configuration (what the controls hold) and the one function per output that reads it:
 * the CSS the page applies is the CSS the snippet shows, so the two cannot drift apart.
 */
import type { AttributeControl, CssPropertyControl, PlaygroundModel, SlotControl } from './manifest.js';

export interface PlaygroundConfig {
  /** Text-valued custom properties; '' means "the element's default". */
  text: Record<string, string>;
  /** Colour-valued custom properties, as `#rrggbb` (dark only for `light-dark()` defaults). */
  colors: Record<string, { light: string; dark?: string }>;
  /** Declarations for each `::part()`, free-form. */
  parts: Record<string, string>;
  /** Attribute values by attribute name (shared ones set on every element that has them). */
  attributes: Record<string, string | boolean>;
  /** Label text by `tag` + slot name. */
  slots: Record<string, string>;
}

export const slotKey = (slot: Pick<SlotControl, 'tag' | 'name'>) => `${slot.tag}|${slot.name}`;
export const attributeKey = (tag: string, name: string, shared: boolean) => (shared ? name : `${tag}|${name}`);

export function defaultConfig(model: PlaygroundModel): PlaygroundConfig {
  const config: PlaygroundConfig = { text: {}, colors: {}, parts: {}, attributes: {}, slots: {} };
  for (const p of model.cssProperties) {
    if (p.color) config.colors[p.name] = { ...p.color };
    else config.text[p.name] = '';
  }
  for (const part of model.parts) config.parts[part.name] = '';
  for (const a of model.sharedAttributes) config.attributes[a.name] = a.kind === 'boolean' ? false : a.default ?? '';
  for (const e of model.elements) {
    for (const a of e.attributes) config.attributes[attributeKey(e.tag, a.name, false)] = a.kind === 'boolean' ? false : a.default ?? '';
    for (const s of e.slots) config.slots[slotKey(s)] = '';
  }
  return config;
}

/** The value to write for a custom property, or undefined when the control still says "default". */
export function propertyValue(p: CssPropertyControl, config: PlaygroundConfig): string | undefined {
  if (p.color) {
    const c = config.colors[p.name];
    if (!c || (c.light === p.color.light && c.dark === p.color.dark)) return undefined;
    return p.color.dark === undefined ? c.light : `light-dark(${c.light}, ${c.dark ?? p.color.dark})`;
  }
  const v = config.text[p.name]?.trim();
  return v ? v : undefined;
}

/** The CSS for the current configuration: custom properties on :root, one rule per styled part. */
export function snippetCss(model: PlaygroundModel, config: PlaygroundConfig): string {
  const blocks: string[] = [];
  const declarations = model.cssProperties.flatMap((p) => {
    const value = propertyValue(p, config);
    return value === undefined ? [] : [`  ${p.name}: ${value};`];
  });
  if (declarations.length) blocks.push(`:root {\n${declarations.join('\n')}\n}`);
  for (const part of model.parts) {
    const body = (config.parts[part.name] ?? '').trim();
    if (!body) continue;
    const lines = body.split('\n').map((line) => `  ${line.trim()}`).filter((line) => line.trim());
    blocks.push(`${part.tags.map((tag) => `${tag}::part(${part.name})`).join(',\n')} {\n${lines.join('\n')}\n}`);
  }
  return blocks.join('\n\n');
}

/** Attributes to set on one element, in manifest order: [name, value] with `''` for a boolean that is on. */
export function attributesOf(model: PlaygroundModel, tag: string, config: PlaygroundConfig): [string, string][] {
  const element = model.elements.find((e) => e.tag === tag);
  const controls: [AttributeControl, string][] = [
    ...model.sharedAttributes.map((a): [AttributeControl, string] => [a, a.name]),
    ...(element?.attributes ?? []).map((a): [AttributeControl, string] => [a, attributeKey(tag, a.name, false)]),
  ];
  const out: [string, string][] = [];
  for (const [control, key] of controls) {
    const value = config.attributes[key];
    if (control.kind === 'boolean') {
      if (value === true) out.push([control.name, '']);
    } else if (typeof value === 'string' && value.trim() && value !== control.default) {
      out.push([control.name, value.trim()]);
    }
  }
  return out;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The HTML for every element as configured; elements whose slot takes an input get one. */
export function snippetHtml(model: PlaygroundModel, config: PlaygroundConfig): string {
  return model.elements
    .map(({ tag, slots, takesInput }) => {
      const attrs = attributesOf(model, tag, config)
        .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`))
        .join('');
      const content = slots
        .map((s) => {
          const text = (config.slots[slotKey(s)] ?? '').trim();
          if (!text) return '';
          return s.name ? `<span slot="${escapeHtml(s.name)}">${escapeHtml(text)}</span>` : escapeHtml(text);
        })
        .join('');
      if (takesInput) {
        return `<${tag}${attrs}>\n  <input name="username" autocomplete="username webauthn" aria-label="Username">\n</${tag}>`;
      }
      return `<${tag}${attrs}>${content}</${tag}>`;
    })
    .join('\n');
}

/** The whole snippet as shown and copied. */
export function snippet(model: PlaygroundModel, config: PlaygroundConfig): string {
  const css = snippetCss(model, config);
  const html = snippetHtml(model, config);
  return css ? `<style>\n${css}\n</style>\n\n${html}` : html;
}
