// Calls the hub's API with the session cookie; every POST carries the CSRF token from login.
const CSRF_KEY = 'firehub.csrf';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function rememberCsrf(token) {
  sessionStorage.setItem(CSRF_KEY, token);
}

export function forgetCsrf() {
  sessionStorage.removeItem(CSRF_KEY);
}

export async function api(method, path, body, contentType) {
  const headers = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = sessionStorage.getItem(CSRF_KEY) ?? '';
  let payload;
  if (body instanceof Blob) {
    payload = body;
    headers['Content-Type'] = contentType || body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.status === 401 && !path.endsWith('/login')) {
    location.href = '/console/login.html';
    throw new ApiError(401, 'unauthorized', 'signed out');
  }
  // Only JSON answers are parsed: a proxy's or a missing route's HTML page is an error, not data.
  const isJson = (response.headers.get('Content-Type') || '').includes('json');
  const json = isJson ? await response.json() : null;
  if (response.ok && !isJson && response.status !== 204) {
    throw new ApiError(response.status, 'not_json', `${path}: unexpected ${response.headers.get('Content-Type')}`);
  }
  if (!response.ok) throw new ApiError(response.status, json?.code ?? 'error', json?.message ?? response.statusText);
  return json;
}
