import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './jsonSyntax';

describe('findJsonSyntaxError', () => {
  it('accepts everything JSON.parse accepts', () => {
    for (const text of ['{}', '[]', '0', '-1.5e+3', '"a\\u00e9\\n"', ' {"a": [true, false, null, {"b": "c"}]} ', '"\\/"']) {
      expect(findJsonSyntaxError(text), text).toBeUndefined();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('finds the first error with its line and column, where JSON.parse also fails', () => {
    const cases: Array<[string, number, number, string]> = [
      ['{"a": 1,}', 1, 9, 'expected a property name in double quotes'],
      ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected '}'"],
      ["{'a': 1}", 1, 2, 'expected a property name in double quotes'],
      ['[1, 2', 1, 6, "unexpected end, expected ']'"],
      ['{"a": tru}', 1, 7, "unexpected 't', expected a value"],
      ['{"a": 01}', 1, 8, "expected '}'"],
      ['"abc', 1, 5, 'unterminated string'],
      ['{} {}', 1, 4, 'unexpected text after the JSON value'],
      ['', 1, 1, 'unexpected end, expected a value'],
    ];
    for (const [text, line, column, message] of cases) {
      expect(findJsonSyntaxError(text), text).toMatchObject({ line, column, message });
      expect(() => JSON.parse(text), text).toThrow(SyntaxError);
    }
  });
});
