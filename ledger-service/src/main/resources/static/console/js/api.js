// The console's one way to the ledger: the /v1 routes, with the session's key as a Bearer token.
import { key, forget } from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    const code = problem?.code ? `${problem.code}: ` : '';
    const fields = (problem?.errors ?? []).map((e) => ` (${e.field}: ${e.message})`).join('');
    super(`${status} ${code}${problem?.detail ?? problem?.title ?? 'the ledger refused the request'}${fields}`);
    this.status = status;
    this.problem = problem;
  }
}

function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'console-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function request(method, path, { body, accept = 'application/json' } = {}) {
  const headers = { Authorization: `Bearer ${key()}`, Accept: accept };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    headers['Idempotency-Key'] = idempotencyKey();
  }
  const response = await fetch(path, {
    method, headers, cache: 'no-store', credentials: 'omit',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    forget('The ledger no longer accepts this key (revoked or expired). Sign in again.');
    location.assign('index.html');
    throw new ApiError(401, null);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, problem);
  }
  return accept.includes('json') ? response.json() : response.text();
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body = {}) => request('POST', path, { body });

/** A path with its query, leaving out empty parameters. */
export function path(base, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
  const search = query.toString();
  return search ? `${base}?${search}` : base;
}

export const segment = encodeURIComponent;

/** Saves text fetched with the key as a file, without putting the key in a link. */
export function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
