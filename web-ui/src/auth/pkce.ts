// Proof Key for Code Exchange (RFC 7636) with the S256 method, on the browser's WebCrypto: the dashboard is a public
// client, so the code it gets back is worth nothing without the verifier that only this tab holds.

/** base64url without padding (RFC 4648 §5), as PKCE and JWTs write bytes. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `bytes` random bytes as base64url: 32 give 43 characters, the shortest verifier RFC 7636 allows (max 128). */
export function randomText(bytes = 32, crypto: Crypto = globalThis.crypto): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A fresh code verifier: 256 random bits, 43 characters of the unreserved alphabet. */
export function codeVerifier(crypto: Crypto = globalThis.crypto): string {
  return randomText(32, crypto);
}

/** The S256 challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string, crypto: Crypto = globalThis.crypto): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}
