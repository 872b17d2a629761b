import { describe, expect, it } from 'vitest';
import { buildOptions } from './buildOptions';

const empty = { ratingThreshold: '', maxLength: '', seed: '', validFraction: '', testFraction: '' };

describe('buildOptions', () => {
  it('leaves empty fields out so that the defaults apply', () => {
    expect(buildOptions(empty)).toEqual({ options: {} });
  });

  it('reads the filled fields as numbers', () => {
    expect(buildOptions({ ...empty, ratingThreshold: '3.5', maxLength: '50', seed: '7', testFraction: '0.2' })).toEqual({
      options: { ratingThreshold: 3.5, maxLength: 50, seed: 7, testFraction: 0.2 },
    });
  });

  it('names each field out of range', () => {
    const result = buildOptions({ ...empty, maxLength: '1001', validFraction: '0.95', seed: '1.5', ratingThreshold: 'high' });
    expect(result.errors).toEqual({
      ratingThreshold: 'The rating threshold must be a number.',
      maxLength: 'The history length must be a whole number from 1 to 1000.',
      seed: 'The seed must be a whole number.',
      validFraction: 'The validation fraction must be a number from 0 to 0.9.',
    });
  });
});
