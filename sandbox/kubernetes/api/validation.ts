/**
 * The name and label rules of k8s.io/apimachinery/pkg/util/validation, with their messages word
 * for word: each function returns the list of problems (empty when the value is valid).
 */
import { fieldInvalid, fieldRequired, type FieldError } from './errors';
import type { ObjectMeta } from './types';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;

const whole = (pattern: string) => new RegExp(`^${pattern}$`);
const dns1123LabelRe = whole(DNS1123_LABEL);
const dns1123SubdomainRe = whole(DNS1123_SUBDOMAIN);
const dns1035LabelRe = whole(DNS1035_LABEL);
const qualifiedNameRe = whole(QUALIFIED_NAME);
const labelValueRe = whole(LABEL_VALUE);

/** validation.RegexError: `msg (e.g. 'a',  or 'b', regex used for validation is 'x')` (the double space is Go's). */
export function regexError(message: string, pattern: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${pattern}')`;
  return `${message} (e.g. ${examples.map((example) => `'${example}', `).join(' or ')}regex used for validation is '${pattern}')`;
}

export const maxLenError = (length: number) => `must be no more than ${length} characters`;
export const EMPTY_ERROR = 'must be non-empty';

export function isDNS1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLenError(253));
  if (!dns1123SubdomainRe.test(value)) {
    errors.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, 'example.com'));
  }
  return errors;
}

export function isDNS1123Label(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!dns1123LabelRe.test(value)) {
    errors.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, 'my-name', '123-abc'));
  }
  return errors;
}

export function isDNS1035Label(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!dns1035LabelRe.test(value)) {
    errors.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, 'my-name', 'abc-123'));
  }
  return errors;
}

const QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** A label or annotation key: `[prefix/]name`. */
export function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errors.push(`prefix part ${EMPTY_ERROR}`);
    else errors.push(...isDNS1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  } else {
    return [`a qualified name ${regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errors.push(`name part ${EMPTY_ERROR}`);
  else if (name.length > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!qualifiedNameRe.test(name)) errors.push(`name part ${regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')}`);
  return errors;
}

export function isValidLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!labelValueRe.test(value)) {
    errors.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE, 'MyValue', 'my_value', '12345'));
  }
  return errors;
}

export type NameRule = 'dns1123-subdomain' | 'dns1123-label' | 'dns1035-label';

/** Which rule the API server applies to each kind's names (Service: DNS-1035 label; Namespace: DNS-1123 label). */
export function nameRuleFor(kind: string): NameRule {
  if (kind === 'Service') return 'dns1035-label';
  if (kind === 'Namespace') return 'dns1123-label';
  return 'dns1123-subdomain';
}

/** The name check, where `prefix` (a generateName) may end in '-' as the server allows. */
export function validateName(rule: NameRule, name: string, prefix = false): string[] {
  const value = prefix ? maskTrailingDash(name) : name;
  if (rule === 'dns1035-label') return isDNS1035Label(value);
  if (rule === 'dns1123-label') return isDNS1123Label(value);
  return isDNS1123Subdomain(value);
}

function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** ValidateObjectMeta's checks of name, generateName and labels, as field errors under `metadata.`. */
export function validateObjectMeta(kind: string, meta: Partial<ObjectMeta>): FieldError[] {
  const rule = nameRuleFor(kind);
  const errors: FieldError[] = [];
  if (meta.generateName) {
    for (const message of validateName(rule, meta.generateName, true)) errors.push(fieldInvalid('metadata.generateName', meta.generateName, message));
  }
  if (!meta.name) errors.push(fieldRequired('metadata.name', 'name or generateName is required'));
  else for (const message of validateName(rule, meta.name)) errors.push(fieldInvalid('metadata.name', meta.name, message));
  errors.push(...validateLabels(meta.labels, 'metadata.labels'));
  return errors;
}

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(labels ?? {}).sort()) {
    const value = labels![key];
    for (const message of isQualifiedName(key)) errors.push(fieldInvalid(field, key, message));
    if (typeof value !== 'string') errors.push(fieldInvalid(field, value, 'label values must be strings'));
    else for (const message of isValidLabelValue(value)) errors.push(fieldInvalid(field, value, message));
  }
  return errors;
}
