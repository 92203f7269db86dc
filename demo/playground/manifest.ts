/**
 * Turns custom-elements.json (generated from the elements' JSDoc by `npm run manifest`) into the playground's
 * controls, so a property, part, slot or attribute added to an element shows up here without editing the page.
 */

/** The subset of the Custom Elements Manifest schema the playground reads. */
export interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  cssProperties?: { name: string; description?: string; default?: string }[];
  cssParts?: { name: string; description?: string }[];
  slots?: { name: string; description?: string }[];
  attributes?: { name: string; description?: string; default?: string; type?: { text: string } }[];
}

export interface CssPropertyControl {
  name: string;
  description: string;
  /** The documented default, e.g. `light-dark(#1d4ed8, #93b4ff)`; what an empty control means. */
  default: string;
  /** For colours: the default's light value and, for `light-dark()` defaults, its dark one (both `#rrggbb`). */
  color?: { light: string; dark?: string };
  tags: string[];
}

export interface PartControl {
  name: string;
  description: string;
  tags: string[];
}

export type AttributeKind = { kind: 'boolean' } | { kind: 'enum'; options: string[] } | { kind: 'text' };

export type AttributeControl = AttributeKind & {
  name: string;
  description: string;
  /** Unquoted default value, if documented. */
  default?: string;
  tags: string[];
};

export interface SlotControl {
  tag: string;
  /** '' for the default slot. */
  name: string;
  description: string;
  /** The default label, parsed from `Default: "…"` in the slot's description. */
  placeholder: string;
}

export interface ElementModel {
  tag: string;
  summary: string;
  /** Its default slot takes the page's own `<input>` (passkey-autofill-input): no label to edit, an input to show. */
  takesInput: boolean;
  attributes: AttributeControl[];
  slots: SlotControl[];
}

export interface PlaygroundModel {
  elements: ElementModel[];
  /** Attributes every element has (the shared configuration): one control sets them on all. */
  sharedAttributes: AttributeControl[];
  cssProperties: CssPropertyControl[];
  parts: PartControl[];
}

/**
 * Reflected boolean attributes that ARE the states the showcase grid shows (and, for busy/armed/unsupported,
 * that the element sets itself): a global control for them would flatten every tile to one state.
 */
export const STATE_ATTRIBUTES = new Set(['busy', 'disabled', 'unsupported', 'armed']);

export function readManifest(manifest: Manifest): PlaygroundModel {
  const declarations = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((d): d is Declaration & { tagName: string } => Boolean(d.customElement && d.tagName));

  const cssProperties = new Map<string, CssPropertyControl>();
  const parts = new Map<string, PartControl>();
  const attributeTags = new Map<string, string[]>();
  for (const d of declarations) {
    for (const p of d.cssProperties ?? []) {
      const known = cssProperties.get(p.name);
      if (known) known.tags.push(d.tagName);
      else {
        const def = p.default ?? '';
        cssProperties.set(p.name, {
          name: p.name,
          description: p.description ?? '',
          default: def,
          color: colorOf(def),
          tags: [d.tagName],
        });
      }
    }
    for (const p of d.cssParts ?? []) {
      const known = parts.get(p.name);
      if (known) known.tags.push(d.tagName);
      else parts.set(p.name, { name: p.name, description: p.description ?? '', tags: [d.tagName] });
    }
    for (const a of d.attributes ?? []) attributeTags.set(a.name, [...(attributeTags.get(a.name) ?? []), d.tagName]);
  }

  const allTags = declarations.map((d) => d.tagName);
  const isShared = (name: string) => attributeTags.get(name)?.length === allTags.length && allTags.length > 1;
  const attributeControl = (a: NonNullable<Declaration['attributes']>[number], tags: string[]): AttributeControl => ({
    ...kindOf(a.type?.text ?? 'string'),
    name: a.name,
    description: a.description ?? '',
    default: a.default?.replace(/^'(.*)'$/, '$1'),
    tags,
  });

  const sharedAttributes: AttributeControl[] = [];
  for (const a of declarations[0]?.attributes ?? []) {
    if (isShared(a.name) && !STATE_ATTRIBUTES.has(a.name)) sharedAttributes.push(attributeControl(a, allTags));
  }

  const elements = declarations.map((d) => ({
    tag: d.tagName,
    summary: (d as { summary?: string }).summary ?? '',
    takesInput: (d.slots ?? []).some((s) => takesInput(s.description)),
    attributes: (d.attributes ?? [])
      .filter((a) => !isShared(a.name) && !STATE_ATTRIBUTES.has(a.name))
      .map((a) => attributeControl(a, [d.tagName])),
    slots: (d.slots ?? [])
      // A slot that takes the page's own <input> (passkey-autofill-input) has no label text to edit.
      .filter((s) => !takesInput(s.description))
      .map((s) => ({
        tag: d.tagName,
        name: s.name,
        description: s.description ?? '',
        placeholder: /Default: "([^"]*)"/.exec(s.description ?? '')?.[1] ?? '',
      })),
  }));

  return { elements, sharedAttributes, cssProperties: [...cssProperties.values()], parts: [...parts.values()] };
}

const takesInput = (description = '') => /<input>/.test(description);

/** `'a' | 'b'` → a select; `boolean` → a checkbox; anything else → text. */
export function kindOf(typeText: string): AttributeKind {
  const members = typeText.split('|').map((t) => t.trim()).filter((t) => t !== 'undefined' && t !== 'null');
  if (members.length === 1 && members[0] === 'boolean') return { kind: 'boolean' };
  if (members.length > 0 && members.every((t) => /^(['"]).*\1$/.test(t))) {
    return { kind: 'enum', options: members.map((t) => t.slice(1, -1)) };
  }
  return { kind: 'text' };
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Whether a default "looks like a colour": a hex value, or `light-dark()` of two. Other values get text inputs. */
export function colorOf(value: string): CssPropertyControl['color'] {
  const v = value.trim();
  if (HEX.test(v)) return { light: toLongHex(v) };
  const pair = /^light-dark\(\s*(#[0-9a-f]{3,6})\s*,\s*(#[0-9a-f]{3,6})\s*\)$/i.exec(v);
  if (pair && HEX.test(pair[1]!) && HEX.test(pair[2]!)) return { light: toLongHex(pair[1]!), dark: toLongHex(pair[2]!) };
  return undefined;
}

/** `<input type="color">` only takes `#rrggbb`. */
export function toLongHex(hex: string): string {
  const h = hex.toLowerCase();
  return h.length === 4 ? `#${h[1]}${h[1]}${h[2]}${h[2]}${h[3]}${h[3]}` : h;
}
