import { describe, expect, it } from 'vitest';
import { accessAdvice } from './access';

describe('access advice', () => {
  it('asks for a token when none is set and the platform wants one', () => {
    expect(accessAdvice(401, false)).toMatch(/needs an API token.*token field in the header/);
    expect(accessAdvice(403, false)).toMatch(/without an API token/);
  });

  it('says the token is the problem when one is set', () => {
    expect(accessAdvice(401, true)).toMatch(/did not accept the API token.*expired or revoked/);
    expect(accessAdvice(403, true)).toMatch(/does not allow this/);
  });

  it('has nothing to say about other statuses', () => {
    for (const status of [0, 200, 400, 404, 422, 429, 500]) {
      expect(accessAdvice(status, true)).toBeUndefined();
      expect(accessAdvice(status, false)).toBeUndefined();
    }
  });
});
