import { describe, expect, it } from 'vitest';
import { alreadyExists, ApiError, conflict, enhanceListError, fieldInvalid, fieldNotSupported, fieldRequired, forbidden, invalid, isApiError, notFound } from './errors';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('ApiError helpers', () => {
  it('words NotFound with the plural, group-qualified resource', () => {
    const error = notFound('pods', 'x');
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('pods "x" not found');
    expect([error.reason, error.code, error.kind, error.objectName, error.name]).toEqual(['NotFound', 404, 'pods', 'x', 'ApiError']);
    expect(notFound('Pod', 'x').message).toBe('pods "x" not found');
    expect(notFound('po', 'x').message).toBe('pods "x" not found');
    expect(notFound('Deployment', 'web').message).toBe('deployments.apps "web" not found');
    expect(notFound('namespaces', 'dev').message).toBe('namespaces "dev" not found');
    expect(notFound('Node', 'node03').kubectlText()).toBe('Error from server (NotFound): nodes "node03" not found');
  });

  it('words AlreadyExists and Conflict as the API server does', () => {
    expect(alreadyExists('Service', 'web').message).toBe('services "web" already exists');
    expect(alreadyExists('Service', 'web').code).toBe(409);
    expect(alreadyExists('ReplicaSet', 'web-1').kubectlText()).toBe('Error from server (AlreadyExists): replicasets.apps "web-1" already exists');
    expect(conflict('pods', 'x').message).toBe('Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again');
    expect(conflict('Deployment', 'web').message).toBe('Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
    expect(conflict('pods', 'x').code).toBe(409);
  });

  it('words Invalid with the kind, one cause alone or several in brackets', () => {
    const one = invalid('Pod', 'Bad_Name', [fieldInvalid('metadata.name', 'Bad_Name', SUBDOMAIN)]);
    expect(one.message).toBe(`Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`);
    expect(one.code).toBe(422);
    expect(one.kind).toBe('Pod');
    expect(one.kubectlText()).toBe(`The Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN}`);

    const two = invalid('Deployment', 'web', [fieldRequired('spec.selector'), fieldNotSupported('spec.strategy.type', 'Fast', ['Recreate', 'RollingUpdate'])]);
    expect(two.message).toBe('Deployment.apps "web" is invalid: [spec.selector: Required value, spec.strategy.type: Unsupported value: "Fast": supported values: "Recreate", "RollingUpdate"]');
    expect(two.details.group).toBe('apps');
    expect(two.kubectlText()).toBe(['The Deployment "web" is invalid: ', '* spec.selector: Required value', '* spec.strategy.type: Unsupported value: "Fast": supported values: "Recreate", "RollingUpdate"'].join('\n'));
    expect(invalid('Pod', 'x', [fieldInvalid('spec.replicas', -1, 'must be greater than or equal to 0')]).message).toBe('Pod "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('words Forbidden with and without a name', () => {
    expect(forbidden('namespaces', 'default', 'this namespace may not be deleted').kubectlText()).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
    expect(forbidden('Pod', '', 'unable to create new content in namespace x because it is being terminated').message).toBe('pods is forbidden: unable to create new content in namespace x because it is being terminated');
  });

  it('gives the metav1.Status and kubectl’s list wording', () => {
    expect(notFound('pods', 'x').toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "x" not found',
      reason: 'NotFound',
      details: { name: 'x', kind: 'pods' },
      code: 404,
    });
    const bad = new ApiError('BadRequest', 'field label not supported: spec.foo');
    expect(enhanceListError(bad, 'pods', { fieldSelector: 'spec.foo=bar' }).kubectlText()).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo',
    );
    expect(enhanceListError(bad, 'deploy', {}).message).toBe('Unable to list "apps/v1, Resource=deployments": field label not supported: spec.foo');
    expect(isApiError(bad, 'BadRequest')).toBe(true);
    expect(isApiError(new Error('x'))).toBe(false);
  });
});
