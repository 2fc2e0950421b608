/**
 * The API server's failures as typed data (metav1.Status in miniature). The message is the server's
 * text exactly (`pods "x" not found`); `kubectlText()` adds kubectl's frame
 * (`Error from server (NotFound): pods "x" not found`, `The Pod "x" is invalid: …`).
 */
import { qualifiedKind, qualifiedResource } from './resources';
import type { ApiErrorReason } from './store-types';

export type { ApiErrorReason } from './store-types';

const HTTP_CODES: Record<ApiErrorReason, number> = {
  BadRequest: 400,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
};

/** A field.Error of k8s.io/apimachinery: which field, what kind of problem, the bad value. */
export interface FieldError {
  type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueNotSupported' | 'FieldValueDuplicate';
  field: string;
  value?: unknown;
  detail?: string;
  /** For NotSupported: the values that would have been accepted. */
  supported?: string[];
}

export interface StatusCause {
  reason: FieldError['type'];
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  /** `pods` for NotFound/AlreadyExists/Conflict (a resource), `Pod` for Invalid (a kind), as the server sets it. */
  kind?: string;
  causes?: StatusCause[];
}

export class ApiError extends Error {
  readonly code: number;

  constructor(
    readonly reason: ApiErrorReason,
    message: string,
    readonly details: StatusDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = HTTP_CODES[reason];
  }

  /** The resource or kind the error is about (`pods`, `Pod`), when there is one. */
  get kind(): string | undefined {
    return this.details.kind;
  }

  /** The object's name, when there is one. */
  get objectName(): string | undefined {
    return this.details.name;
  }

  /** The metav1.Status the server answers with (`kubectl … -v=6` shows it; `-o json` errors print it). */
  toStatus(): Record<string, unknown> {
    const details = Object.keys(this.details).length ? { details: this.details } : {};
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, ...details, code: this.code };
  }

  /** What kubectl prints to stderr for this error (without the final newline). */
  kubectlText(): string {
    if (this.reason === 'Invalid') {
      const { kind, name, causes = [] } = this.details;
      const prefix = kind || name ? `The ${kind ?? ''} ${goQuote(name ?? '')} is invalid` : 'The request is invalid';
      if (causes.length === 0) return prefix;
      const lines = causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message}` : cause.message));
      return lines.length === 1 ? `${prefix}: ${lines[0]}` : [`${prefix}: `, ...lines.map((line) => `* ${line}`)].join('\n');
    }
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

/** A selector the server cannot parse; the store answers it as `Error from server (BadRequest)`. */
export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

export function isApiError(error: unknown, reason?: ApiErrorReason): error is ApiError {
  return error instanceof ApiError && (reason === undefined || error.reason === reason);
}

/** `pods "x" not found`, `deployments.apps "web" not found`. `resource` may be a kind, plural or short name. */
export function notFound(resource: string, name: string): ApiError {
  const { text, group, plural } = describeResource(resource);
  return new ApiError('NotFound', `${text} ${goQuote(name)} not found`, withGroup({ name, kind: plural }, group));
}

/** `pods "x" already exists`. */
export function alreadyExists(resource: string, name: string): ApiError {
  const { text, group, plural } = describeResource(resource);
  return new ApiError('AlreadyExists', `${text} ${goQuote(name)} already exists`, withGroup({ name, kind: plural }, group));
}

/** The optimistic-concurrency failure of an update carrying a stale resourceVersion. */
export function conflict(resource: string, name: string, reason = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  const { text, group, plural } = describeResource(resource);
  return new ApiError('Conflict', `Operation cannot be fulfilled on ${text} ${goQuote(name)}: ${reason}`, withGroup({ name, kind: plural }, group));
}

/** `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": …` (several causes: `[a, b]`). */
export function invalid(kind: string, name: string, errors: FieldError[]): ApiError {
  const { text, group, kind: bareKind } = qualifiedKind(kind);
  const causes = errors.map((error) => ({ reason: error.type, message: fieldErrorBody(error), field: error.field }));
  const message = errors.length === 0 ? `${text} ${goQuote(name)} is invalid` : `${text} ${goQuote(name)} is invalid: ${aggregate(errors.map(fieldErrorText))}`;
  return new ApiError('Invalid', message, withGroup({ name, kind: bareKind, causes }, group));
}

/** `pods "x" is forbidden: unable to create new content in namespace y because it is being terminated`. */
export function forbidden(resource: string, name: string, reason: string): ApiError {
  const { text, group, plural } = describeResource(resource);
  const message = name ? `${text} ${goQuote(name)} is forbidden: ${reason}` : `${text} is forbidden: ${reason}`;
  return new ApiError('Forbidden', message, withGroup({ name: name || undefined, kind: plural }, group));
}

export function badRequest(message: string): ApiError {
  return new ApiError('BadRequest', message);
}

/**
 * kubectl's wording when a list request fails (resource.EnhanceListError):
 * `Unable to find "/v1, Resource=pods" that match label selector "a b", field selector "": …`.
 */
export function enhanceListError(error: ApiError, resource: string, options: { labelSelector?: string; fieldSelector?: string }): ApiError {
  if (error.reason !== 'BadRequest' && error.reason !== 'NotFound') return error;
  const { groupVersionResource } = describeResource(resource);
  const labels = options.labelSelector ?? '';
  const fields = options.fieldSelector ?? '';
  const message =
    labels || fields
      ? `Unable to find ${goQuote(groupVersionResource)} that match label selector ${goQuote(labels)}, field selector ${goQuote(fields)}: ${error.message}`
      : `Unable to list ${goQuote(groupVersionResource)}: ${error.message}`;
  return new ApiError(error.reason, message, error.details);
}

// ── field errors ──────────────────────────────────────────────────────────

export function fieldInvalid(field: string, value: unknown, detail?: string): FieldError {
  return { type: 'FieldValueInvalid', field, value, detail };
}

export function fieldRequired(field: string, detail?: string): FieldError {
  return { type: 'FieldValueRequired', field, detail };
}

export function fieldForbidden(field: string, detail?: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}

export function fieldNotSupported(field: string, value: unknown, supported: string[]): FieldError {
  return { type: 'FieldValueNotSupported', field, value, supported };
}

export function fieldDuplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, value };
}

/** `Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain …` (field.Error.ErrorBody). */
export function fieldErrorBody(error: FieldError): string {
  let body: string;
  switch (error.type) {
    case 'FieldValueRequired':
      body = 'Required value';
      break;
    case 'FieldValueForbidden':
      body = 'Forbidden';
      break;
    case 'FieldValueNotSupported':
      body = `Unsupported value: ${goValue(error.value)}`;
      if (error.supported?.length) body += `: supported values: ${error.supported.map(goQuote).join(', ')}`;
      break;
    case 'FieldValueDuplicate':
      body = `Duplicate value: ${goValue(error.value)}`;
      break;
    default:
      body = `Invalid value: ${goValue(error.value)}`;
  }
  return error.detail ? `${body}: ${error.detail}` : body;
}

/** `metadata.name: Invalid value: "Bad_Name": …` (field.Error.Error). */
export function fieldErrorText(error: FieldError): string {
  return `${error.field || '<nil>'}: ${fieldErrorBody(error)}`;
}

/** utilerrors.Aggregate: one message alone, several as `[a, b]`. */
export function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
}

/** Go's %q for the strings the API quotes. */
export function goQuote(text: string): string {
  return JSON.stringify(text);
}

function goValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return `[]string{${value.map(goQuote).join(', ')}}`;
  return JSON.stringify(value);
}

function describeResource(resource: string): { text: string; group: string; plural: string; groupVersionResource: string } {
  return qualifiedResource(resource);
}

function withGroup(details: StatusDetails, group: string): StatusDetails {
  return group ? { ...details, group } : details;
}
