// The host side of the API boundary: checks a request envelope and its params against the
// contract, runs the handler and checks its result, so neither transport can bypass a schema.

import type { ApiHandlers, RequestName } from '../../core/api/contract';
import { isRequestName, requests } from '../../core/api/contract';
import type { ApiError, ReplyEnvelope } from '../../core/api/wire';

type ReplyBody = { ok: true; result: unknown } | { ok: false; error: ApiError };
import { RequestEnvelopeSchema } from '../../core/api/wire';

export class NotFoundError extends Error {}

function describeIssues(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export async function dispatchRequest(handlers: ApiHandlers, raw: unknown): Promise<ReplyEnvelope> {
  const envelope = RequestEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number'
      ? (raw as { id: number }).id
      : -1;
    return { id, ok: false, error: { code: 'bad_request', message: `malformed request: ${describeIssues(envelope.error)}` } };
  }
  const { id, method } = envelope.data;
  if (!isRequestName(method)) {
    return { id, ok: false, error: { code: 'unknown_method', message: `unknown method "${method}"` } };
  }
  const body = await invoke(handlers, method, envelope.data.params);
  return body.ok ? { id, ok: true, result: body.result } : { id, ok: false, error: body.error };
}

async function invoke<K extends RequestName>(
  handlers: ApiHandlers,
  method: K,
  rawParams: unknown,
): Promise<ReplyBody> {
  const spec = requests[method];
  const params = spec.params.safeParse(rawParams ?? {});
  if (!params.success) {
    return { ok: false, error: { code: 'bad_request', message: `${method}: ${describeIssues(params.error)}` } };
  }
  try {
    const handler = handlers[method] as (p: unknown) => Promise<unknown>;
    const result = await handler(params.data);
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      return {
        ok: false,
        error: { code: 'internal', message: `${method} produced an invalid result: ${describeIssues(checked.error)}` },
      };
    }
    return { ok: true, result: checked.data };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: error instanceof NotFoundError ? 'not_found' : 'internal', message } };
  }
}
