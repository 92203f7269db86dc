// Action rules: per action code, the outcome for a user enrolled with a permitted authenticator and the
// authenticators the action permits. A small stand-in for the cloud's rules engine, given as an option
// (`actions`) or a JSON file (`--actions`, loadActionRules). See README "Actions with rules".
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { ACTION_CODE } from './body.js';

/** Verification methods the local server implements. */
export const METHODS = ['PASSKEY', 'AUTHENTICATOR_APP'] as const;
export type Method = (typeof METHODS)[number];

export const OUTCOMES = ['ALLOW', 'CHALLENGE', 'REVIEW', 'BLOCK'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ActionRule {
  /** What track answers for a user who has one of `authenticators`: ALLOW, CHALLENGE(_REQUIRED), REVIEW(_REQUIRED) or BLOCK. */
  outcome: Outcome;
  /** The authenticators this action accepts as proof, and that count for `isEnrolled`. */
  authenticators: Method[];
}

export type ActionRules = Record<string, ActionRule>;

/** An action without a rule: the cloud's default outcome, every method the local server has. */
export const DEFAULT_RULE: ActionRule = { outcome: 'ALLOW', authenticators: [...METHODS] };

const Rule = (code: string) =>
  v.strictObject(
    {
      outcome: v.picklist(OUTCOMES, `"${code}": "outcome" must be one of ${OUTCOMES.join(', ')}.`),
      authenticators: v.pipe(
        v.array(
          v.picklist(METHODS, `"${code}": "authenticators" may only hold ${METHODS.join(', ')}.`),
          `"${code}": "authenticators" must be an array.`,
        ),
        v.minLength(1, `"${code}": "authenticators" must not be empty.`),
      ),
    },
    (issue) => `"${code}": a rule is { "outcome", "authenticators" } (unexpected ${issue.received}).`,
  );

/** Checks rules given in code or read from a file; throws a TypeError naming the action and field. */
export function checkActionRules(value: unknown, where = 'actions'): ActionRules {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: expected an object of action code → rule.`);
  }
  const rules: ActionRules = {};
  for (const [code, rule] of Object.entries(value)) {
    if (!ACTION_CODE.test(code)) throw new TypeError(`${where}: "${code}" is not an action code (^[a-zA-Z0-9_-]{1,64}$).`);
    const result = v.safeParse(Rule(code), rule);
    if (!result.success) throw new TypeError(`${where}: ${result.issues[0].message}`);
    rules[code] = { outcome: result.output.outcome, authenticators: [...new Set(result.output.authenticators)] };
  }
  return rules;
}

/** Reads a JSON rules file (see authsignal-local/actions.json). */
export function loadActionRules(path: string): ActionRules {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new TypeError(`${path}: ${(error as Error).message}`, { cause: error });
  }
  return checkActionRules(value, path);
}

export function ruleFor(rules: ActionRules, actionCode: string): ActionRule {
  return Object.hasOwn(rules, actionCode) ? rules[actionCode]! : DEFAULT_RULE;
}

export const permits = (rule: ActionRule, method: Method): boolean => rule.authenticators.includes(method);
