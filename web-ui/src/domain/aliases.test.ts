import { describe, expect, it } from 'vitest';
import { aliasesOf, aliasMap, aliasNameProblem, trafficText } from './aliases';

describe('aliases', () => {
  it('reads a map or a list of aliases', () => {
    expect(aliasMap({ aliases: { production: 3, staging: 4 } })).toEqual({ production: 3, staging: 4 });
    expect(aliasMap({ aliases: [{ alias: 'production', version: 2 }, { name: 'canary', version: 5 }] })).toEqual({ production: 2, canary: 5 });
    expect(aliasMap({})).toEqual({});
  });

  it('lists the aliases of one version, sorted', () => {
    expect(aliasesOf({ aliases: { staging: 3, production: 3, old: 1 } }, 3)).toEqual(['production', 'staging']);
  });

  it('checks alias names', () => {
    expect(aliasNameProblem('production')).toBeUndefined();
    expect(aliasNameProblem('v2.canary_1')).toBeUndefined();
    expect(aliasNameProblem('')).toContain('Enter');
    expect(aliasNameProblem('../x')).toContain('letters, digits');
    expect(aliasNameProblem('a b')).toContain('letters, digits');
  });

  it('says a split in shares of the total weight, with its shadow', () => {
    expect(trafficText({ arms: [{ version: 3, weight: 9 }, { version: 4, weight: 1 }], shadow: 5 }))
      .toBe('v3 90 % · v4 10 % · shadow v5');
    expect(trafficText({ arms: [{ version: 1, weight: 1 }, { version: 2, weight: 2 }] })).toBe('v1 33 % · v2 67 %');
  });
});
