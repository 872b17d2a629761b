import { describe, expect, it } from 'vitest';
import { base64Url, codeChallenge, codeVerifier } from './pkce';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636, Appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43 unreserved characters, a new one each time', () => {
    const verifiers = Array.from({ length: 20 }, () => codeVerifier());
    for (const verifier of verifiers) {
      expect(verifier).toHaveLength(43);
      expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    }
    expect(new Set(verifiers).size).toBe(verifiers.length);
  });

  it('writes bytes as base64url without padding', () => {
    // RFC 7636 Appendix B: the verifier's 32 octets
    const octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105,
      214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
    expect(base64Url(new Uint8Array(octets))).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(base64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });
});
