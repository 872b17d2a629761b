// RFC 9457 problem details: every error of the API arrives in this shape (application/problem+json).
// parseProblem turns any failed response into one, so pages show the API's own `detail` and, for bad uploads,
// the row and column it names; a body that is not problem details still becomes a readable message.

/** One precise complaint about the input, as the API reports it (row and column for CSV, field for JSON). */
export interface InputError {
  row?: number;
  column?: string;
  field?: string;
  message: string;
}

export interface Problem {
  status: number;
  title: string;
  detail: string;
  type?: string;
  instance?: string;
  errors: InputError[];
}

type Json = Record<string, unknown>;

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? (status === 0 ? 'Network error' : `HTTP ${status}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function rowNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Reads one entry of an `errors` (or `violations`, Spring's `fieldErrors`) extension member. */
function inputError(entry: unknown): InputError | undefined {
  if (typeof entry === 'string') return { message: entry };
  if (!isObject(entry)) return undefined;
  const message =
    text(entry.message) ?? text(entry.reason) ?? text(entry.detail) ?? text(entry.defaultMessage) ?? 'invalid';
  return {
    row: rowNumber(entry.row ?? entry.line),
    column: text(entry.column),
    field: text(entry.field ?? entry.pointer ?? entry.property ?? entry.name),
    message,
  };
}

function inputErrors(body: Json): InputError[] {
  const list = body.errors ?? body.violations ?? body.fieldErrors;
  const errors = Array.isArray(list)
    ? list.map(inputError).filter((e): e is InputError => e !== undefined)
    : [];
  // A problem about a single spot may carry row/column/field as top-level extension members.
  if (errors.length === 0 && (body.row !== undefined || body.column !== undefined || body.field !== undefined)) {
    const single = inputError({ ...body, message: body.reason ?? body.detail });
    if (single) errors.push(single);
  }
  return errors;
}

/**
 * Builds a Problem from a failed response's status and body text. Accepts problem details, Spring's default error
 * body (`error`, `message`), any other JSON, plain text or nothing at all.
 */
export function parseProblem(status: number, body: string): Problem {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    const plain = body.trim();
    const looksLikeHtml = plain.startsWith('<');
    return {
      status,
      title: reasonPhrase(status),
      detail: plain !== '' && !looksLikeHtml ? plain.slice(0, 500) : `The server answered ${status} ${reasonPhrase(status)}.`,
      errors: [],
    };
  }
  const effectiveStatus = rowNumber(parsed.status) ?? status;
  const title = text(parsed.title) ?? text(parsed.error) ?? reasonPhrase(effectiveStatus);
  const detail = text(parsed.detail) ?? text(parsed.message) ?? title;
  return {
    status: effectiveStatus,
    title,
    detail,
    type: text(parsed.type),
    instance: text(parsed.instance) ?? text(parsed.path),
    errors: inputErrors(parsed),
  };
}

/** A problem for a request that never got an answer (server down, connection refused, CORS). */
export function networkProblem(cause: unknown): Problem {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return {
    status: 0,
    title: reasonPhrase(0),
    detail: `The platform could not be reached (${reason}). Is it running?`,
    errors: [],
  };
}

/** "row 17, column rating: not a number": where an input error is and why. */
export function describeInputError(error: InputError): string {
  const where = [
    error.row !== undefined ? `row ${error.row}` : undefined,
    error.column !== undefined ? `column ${error.column}` : undefined,
    error.field !== undefined ? `field ${error.field}` : undefined,
  ].filter(Boolean);
  return where.length > 0 ? `${where.join(', ')}: ${error.message}` : error.message;
}

/** A failed API call, carrying the server's problem details. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

/** Any error a page catches, as a problem to show: the API's own, or one that explains what went wrong locally. */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  const detail = error instanceof Error ? error.message : String(error);
  return { status: 0, title: 'Unexpected error', detail, errors: [] };
}
