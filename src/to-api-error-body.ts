/** What an error body says, in a form a UI can show: one line of text and the messages per field. */
export interface ErrorBody {
  /** The server's own summary, when it sent one a user may read (never HTML, never a non-JSON body). */
  text: string | null;
  fieldErrors: Record<string, string[]>;
}

const NOTHING: ErrorBody = { text: null, fieldErrors: {} };
/** Enough for any error body worth showing; a larger one is not read further. */
const MAX_BODY_BYTES = 64 * 1024;
const MAX_TEXT = 500;
/** FastAPI's `loc` starts with where the value came from; the rest names the field. */
const LOCATIONS = new Set(['body', 'query', 'path', 'header', 'cookie']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Server text a user may see: a non-empty string without markup, capped. */
function userText(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (!s || /<[a-z!/?]/i.test(s)) return null;
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

/** A field path from FastAPI's `loc` (`['body', 'items', 0, 'name']` → `items.0.name`), or null for the body as a whole. */
function fieldFromLoc(loc: unknown): string | null {
  if (!Array.isArray(loc)) return null;
  const parts = loc.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
  if (typeof parts[0] === 'string' && LOCATIONS.has(parts[0])) parts.shift();
  // `['body', 40]` is a position in a body that did not parse, not a field.
  if (!parts.length || typeof parts[0] === 'number') return null;
  return parts.join('.');
}

/** A field path from a JSON Pointer (`#/items/0/name` or `/items/0/name` → `items.0.name`). */
function fieldFromPointer(pointer: unknown): string | null {
  if (typeof pointer !== 'string') return null;
  const path = pointer.replace(/^#/, '');
  if (!path.startsWith('/') || path === '/') return null;
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/**
 * Field errors from the shapes APIs send: FastAPI's `detail` list (`{ loc, msg }`), RFC 9457 `errors`
 * (`{ detail, pointer }`) and RFC 7807 `invalid-params` (`{ name, reason }`), JSON:API `errors`
 * (`{ detail, source: { pointer } }`), and a map of field to message(s) (ASP.NET, Rails).
 */
function collectFieldErrors(items: unknown, into: Map<string, string[]>, loose: string[]): void {
  const add = (field: string | null, message: unknown) => {
    const text = userText(message);
    if (!text) return;
    const name = field?.trim();
    if (!name) loose.push(text);
    else into.set(name, [...(into.get(name) ?? []), text]);
  };
  if (isObject(items)) {
    for (const [field, v] of Object.entries(items)) for (const m of Array.isArray(v) ? v : [v]) add(field, m);
    return;
  }
  if (!Array.isArray(items)) return;
  for (const item of items) {
    if (!isObject(item)) {
      add(null, item);
      continue;
    }
    const message = item.msg ?? item.detail ?? item.reason ?? item.message ?? item.title;
    const source = isObject(item.source) ? item.source : {};
    const named = [item.name, item.field, source.parameter].find(
      (n): n is string => typeof n === 'string' && !!n.trim(),
    );
    add(fieldFromLoc(item.loc) ?? fieldFromPointer(item.pointer ?? source.pointer) ?? named ?? null, message);
  }
}

/** The one line a user reads when the body only listed field errors. */
function summarize(fieldErrors: Map<string, string[]>, loose: string[]): string | null {
  const lines = [...loose, ...[...fieldErrors].flatMap(([f, ms]) => ms.map((m) => `${f}: ${m}`))];
  return lines.length ? userText(lines.join('; ')) : null;
}

/** What a parsed JSON error body says (FastAPI, RFC 9457 problem details, `{ message }`, `{ error }`). */
function readErrorJson(body: unknown): ErrorBody {
  if (!isObject(body)) return NOTHING;
  // A Map, then an object: a field named `__proto__` or `constructor` is a field like any other.
  const fieldErrors = new Map<string, string[]>();
  const loose: string[] = [];
  const { detail, message, error } = body;
  if (Array.isArray(detail)) collectFieldErrors(detail, fieldErrors, loose);
  collectFieldErrors(body.errors, fieldErrors, loose);
  collectFieldErrors(body['invalid-params'], fieldErrors, loose);
  // NestJS sends class-validator's messages as a `message` list.
  if (Array.isArray(message)) collectFieldErrors(message, fieldErrors, loose);
  const nested = isObject(error) ? error : {};
  const text =
    userText(detail) ??
    (isObject(detail) ? userText(detail.message ?? detail.msg) : null) ??
    userText(message) ??
    userText(body.error_description) ??
    userText(nested.message) ??
    summarize(fieldErrors, loose) ??
    userText(error) ??
    userText(body.title);
  return { text, fieldErrors: Object.fromEntries(fieldErrors) };
}

/** Up to `max` bytes of a body as text, or null if it could not be read. */
async function readCapped(res: Response, max: number): Promise<string | null> {
  if (res.bodyUsed || !res.body) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // clone() throws on a body the caller holds a reader on.
    const reader = res.clone().body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size >= max) {
        void reader.cancel().catch(() => {});
        break;
      }
    }
  } catch {
    return null;
  }
  const bytes = new Uint8Array(Math.min(size, max));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, bytes.byteLength - at);
    bytes.set(part, at);
    at += part.byteLength;
    if (at >= bytes.byteLength) break;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * What a failed response's body says, read from a clone (the caller's response stays readable). Only
 * JSON is read: an HTML page (a proxy's, a framework's debug page) or plain text is never shown.
 */
export async function readErrorBody(res: Response): Promise<ErrorBody> {
  const type = res.headers.get('content-type')?.toLowerCase() ?? '';
  if (type.includes('html')) return NOTHING;
  const raw = await readCapped(res, MAX_BODY_BYTES);
  if (!raw) return NOTHING;
  const looksJson = /^\s*[{[]/.test(raw);
  if (!looksJson && !/[/+]json\b/.test(type)) return NOTHING;
  try {
    return readErrorJson(JSON.parse(raw));
  } catch {
    return NOTHING;
  }
}
