// What a person can do about a 401 or 403: the platform protects writes (and, by configuration, reads) with API
// tokens (docs/architecture.md, 'Security'), and the dashboard sends the token entered in its header as
// `Authorization: Bearer …`.

/** Advice for an answer that refused access, depending on whether this tab sends a token; undefined otherwise. */
export function accessAdvice(status: number, tokenSet: boolean): string | undefined {
  if (status === 401) {
    return tokenSet
      ? 'The platform did not accept the API token of this tab: it may be mistyped, expired or revoked. Forget it and enter a valid one in the header.'
      : 'The platform needs an API token for this. Enter one in the token field in the header; it is kept for this tab only.';
  }
  if (status === 403) {
    return tokenSet
      ? 'The API token of this tab does not allow this. Enter a token that has the right to do it.'
      : 'The platform does not allow this without an API token. Enter one in the token field in the header.';
  }
  return undefined;
}
