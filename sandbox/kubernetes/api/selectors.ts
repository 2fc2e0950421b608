/**
 * Label selectors as `kubectl -l` and the API server take them (`app=web,tier!=db`,
 * `env in (prod,dev)`, `!legacy`), parsed by a port of k8s.io/apimachinery/pkg/labels' lexer and
 * parser so that bad syntax fails with the server's own words; and LabelSelector objects
 * (matchLabels / matchExpressions) as Deployments and ReplicaSets carry them. Field selectors are
 * in field-selectors.ts and re-exported here.
 */
import { aggregate, fieldErrorText, fieldInvalid, SelectorError, type FieldError } from './errors';
import type { LabelSelector } from './types';
import { isQualifiedName, isValidLabelValue } from './validation';

export { compileFieldSelector, fieldSelectorMatches, parseFieldSelector, type FieldRequirement } from './field-selectors';

export { SelectorError };

export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: LabelOperator;
  /** Sorted and without duplicates, as the parser's string set keeps them. */
  values: string[];
}

type Tok = 'eos' | 'id' | 'in' | 'notin' | ',' | '(' | ')' | '!' | '=' | '==' | '!=' | '>' | '<';

interface Item {
  tok: Tok;
  lit: string;
}

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', '<': '<', '!=': '!=', '(': '(' };
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

function lex(text: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isSpace(text[pos])) pos++;
    if (pos >= text.length) {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    if (SPECIAL.has(text[pos])) {
      // the longest run of special characters that is still an operator
      let buffer = '';
      let last: Item | undefined;
      while (pos < text.length && SPECIAL.has(text[pos])) {
        buffer += text[pos];
        const tok = SYMBOLS[buffer];
        if (tok) last = { tok, lit: buffer };
        else if (last) break;
        pos++;
      }
      items.push(last!);
      continue;
    }
    const start = pos;
    while (pos < text.length && !SPECIAL.has(text[pos]) && !isSpace(text[pos])) pos++;
    const lit = text.slice(start, pos);
    items.push({ tok: lit === 'in' || lit === 'notin' ? lit : 'id', lit });
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class Parser {
  private position = 0;

  constructor(private readonly items: Item[]) {}

  /** In a value context the keywords `in`/`notin` are plain identifiers. */
  private peek(values = true): Item {
    const item = this.items[this.position];
    return values && (item.tok === 'in' || item.tok === 'notin') ? { tok: 'id', lit: item.lit } : item;
  }

  private next(values = true): Item {
    const item = this.peek(values);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek();
      if (tok === 'eos') return requirements;
      if (tok !== 'id' && tok !== '!') throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.requirement());
      } catch (error) {
        if (error instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${error.message}`);
        throw error;
      }
      const after = this.next();
      if (after.tok === 'eos') return requirements;
      if (after.tok !== ',') throw new SelectorError(`found '${after.lit}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.tok !== 'id' && following.tok !== '!') throw new SelectorError(`found '${following.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let operator: LabelOperator | undefined;
    let item = this.next();
    if (item.tok === '!') {
      operator = '!';
      item = this.next();
    }
    if (item.tok !== 'id') throw new SelectorError(`found '${item.lit}', expected: identifier`);
    const key = item.lit;
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length) throw new SelectorError(fieldErrorText(fieldInvalid('', key, keyErrors.join('; '))));
    const ahead = this.peek().tok;
    if (operator === '!' || ahead === 'eos' || ahead === ',') return build(key, operator ?? 'exists', []);
    operator = this.operator();
    const values = operator === 'in' || operator === 'notin' ? this.setValues() : this.exactValue();
    return build(key, operator, values);
  }

  private operator(): LabelOperator {
    const { tok, lit } = this.next(false);
    switch (tok) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        return tok;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new SelectorError(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    }
  }

  private setValues(): string[] {
    const open = this.next();
    if (open.tok !== '(') throw new SelectorError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek();
    if (tok === ')') {
      this.next();
      return [''];
    }
    if (tok !== 'id' && tok !== ',') throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`);
    const values = this.identifiers();
    if (this.next().tok !== ')') throw new SelectorError(`found '${lit}', expected: ')'`);
    return values;
  }

  private identifiers(): string[] {
    const values = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next();
      if (tok === 'id') {
        values.add(lit);
        const ahead = this.peek();
        if (ahead.tok === ',') continue;
        if (ahead.tok === ')') return [...values];
        throw new SelectorError(`found '${ahead.lit}', expected: ',' or ')'`);
      }
      if (tok !== ',') throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
      if (values.size === 0) values.add('');
      const ahead = this.peek().tok;
      if (ahead === ')') {
        values.add('');
        return [...values];
      }
      if (ahead === ',') {
        this.next();
        values.add('');
      }
    }
  }

  private exactValue(): string[] {
    const ahead = this.peek().tok;
    if (ahead === 'eos' || ahead === ',') return [''];
    const { tok, lit } = this.next();
    if (tok === 'id') return [lit];
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

/** labels.NewRequirement's checks of the values. */
function build(key: string, operator: LabelOperator, rawValues: string[]): Requirement {
  const values = [...new Set(rawValues)].sort();
  const errors: FieldError[] = [];
  if ((operator === 'gt' || operator === 'lt') && values.some((value) => !/^[+-]?\d+$/.test(value))) {
    values.forEach((value, i) => {
      if (!/^[+-]?\d+$/.test(value)) errors.push(fieldInvalid(`values[${i}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
  }
  values.forEach((value, i) => {
    const problems = isValidLabelValue(value);
    if (problems.length) errors.push(fieldInvalid(`values[${i}][${key}]`, value, problems.join('; ')));
  });
  if (errors.length) throw new SelectorError(aggregate(errors.map(fieldErrorText)));
  return { key, operator, values };
}

/** Parses `kubectl -l` syntax; throws SelectorError with the server's message. Empty text selects everything. */
export function parseLabelSelector(text: string): Requirement[] {
  const requirements = new Parser(lex(text)).parse();
  return requirements.map((requirement, index) => ({ requirement, index })).sort((a, b) => (a.requirement.key < b.requirement.key ? -1 : a.requirement.key > b.requirement.key ? 1 : a.index - b.index)).map(({ requirement }) => requirement);
}

export function requirementMatches(requirement: Requirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels![requirement.key] : undefined;
  switch (requirement.operator) {
    case '=':
    case '==':
    case 'in':
      return has && requirement.values.includes(value!);
    case '!=':
    case 'notin':
      return !has || !requirement.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(value!)) return false;
      const actual = Number(value);
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

export function requirementsMatch(requirements: Requirement[], labels: Record<string, string> | undefined): boolean {
  return requirements.every((requirement) => requirementMatches(requirement, labels));
}

/** Parses and matches in one go (throws SelectorError on bad syntax). */
export function labelSelectorMatches(text: string, labels: Record<string, string> | undefined): boolean {
  return requirementsMatch(parseLabelSelector(text), labels);
}

/** The requirements of a LabelSelector object; null for a missing selector (which selects nothing). */
export function labelSelectorRequirements(selector: LabelSelector | undefined | null): Requirement[] | null {
  if (!selector) return null;
  const requirements: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] }));
  for (const expression of selector.matchExpressions ?? []) {
    const operator: LabelOperator = expression.operator === 'In' ? 'in' : expression.operator === 'NotIn' ? 'notin' : expression.operator === 'Exists' ? 'exists' : '!';
    requirements.push({ key: expression.key, operator, values: [...new Set(expression.values ?? [])].sort() });
  }
  return requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** metav1.LabelSelectorAsSelector().Matches: an empty selector matches everything, a missing one nothing. */
export function matchLabelSelector(selector: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  const requirements = labelSelectorRequirements(selector);
  return requirements !== null && requirementsMatch(requirements, labels);
}

/** A Service-style selector map (`spec.selector`): every pair must match; an empty or missing map selects nothing. */
export function matchSelectorMap(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels?.[key] === value);
}

export function requirementToString(requirement: Requirement): string {
  const { key, operator, values } = requirement;
  switch (operator) {
    case 'exists':
      return key;
    case '!':
      return `!${key}`;
    case 'in':
    case 'notin':
      return `${key} ${operator} (${values.join(',')})`;
    case 'gt':
      return `${key}>${values[0]}`;
    case 'lt':
      return `${key}<${values[0]}`;
    default:
      return `${key}${operator}${values[0]}`;
  }
}

/** metav1.FormatLabelSelector: `app=web,tier in (a,b)`, `<none>` when empty or missing (`kubectl describe`, `-o wide`). */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  const text = (labelSelectorRequirements(selector) ?? []).map(requirementToString).join(',');
  return text || '<none>';
}

/** labels.SelectorFromSet(...).String(): `app=web,tier=db`, sorted by key (the SELECTOR column of services). */
export function formatLabelSet(labels: Record<string, string> | undefined): string {
  return Object.keys(labels ?? {}).sort().map((key) => `${key}=${labels![key]}`).join(',');
}
