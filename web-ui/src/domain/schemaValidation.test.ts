import { describe, expect, it } from 'vitest';
import { EXAMPLE_SCHEMA, validateSchema } from './schemaValidation';

const valid = (schema: unknown) => JSON.stringify(schema);
const paths = (source: string) => {
  const check = validateSchema(source);
  return check.valid ? [] : check.issues.map((i) => i.path);
};

describe('validateSchema', () => {
  it('accepts the design example', () => {
    const check = validateSchema(valid(EXAMPLE_SCHEMA));
    expect(check.valid).toBe(true);
    expect(check.valid && check.schema.features).toHaveLength(5);
  });

  it('points at the line and column of a JSON syntax error', () => {
    const check = validateSchema('{\n  "label": "label",\n  "features": [,]\n}');
    expect(check.valid).toBe(false);
    expect(check.issues[0].message).toBe("Not valid JSON at line 3, column 16: unexpected ',', expected a value.");
  });

  it('rejects an empty text and a non-object document', () => {
    expect(validateSchema('   ').issues[0].message).toContain('empty');
    expect(validateSchema('[1, 2]').issues[0].message).toContain('JSON object');
  });

  it('requires a label and at least one feature', () => {
    expect(paths('{}')).toEqual(expect.arrayContaining(['label', 'features']));
    expect(paths(valid({ label: 'y', features: [] }))).toContain('features');
  });

  it('requires target and maxLength on a sequence, and only there', () => {
    const schema = {
      label: 'y',
      features: [
        { name: 'user_id', kind: 'CATEGORICAL', maxLength: 5 },
        { name: 'hist', kind: 'SEQUENCE' },
      ],
    };
    expect(paths(valid(schema))).toEqual(['features[0].maxLength', 'features[1].maxLength', 'features[1].target']);
  });

  it('bounds idDropout to 0..<1 on categorical features', () => {
    const schema = {
      label: 'label',
      features: [
        { name: 'user_id', kind: 'CATEGORICAL', idDropout: 0.1 },
        { name: 'item_id', kind: 'CATEGORICAL', idDropout: 1 },
        { name: 'price', kind: 'NUMERIC', idDropout: 0.1 },
        { name: 'hist', kind: 'SEQUENCE', target: 'item_id', maxLength: 5, idDropout: 0.1 },
      ],
    };
    expect(paths(valid(schema))).toEqual(['features[1].idDropout', 'features[2].idDropout', 'features[3].idDropout']);
  });

  it('bounds maxLength to 1..1000 and minCount to whole numbers on categorical features', () => {
    const schema = {
      label: 'y',
      features: [
        { name: 'item_id', kind: 'CATEGORICAL', minCount: 0 },
        { name: 'price', kind: 'NUMERIC', minCount: 2 },
        { name: 'hist', kind: 'SEQUENCE', target: 'item_id', maxLength: 1001, minCount: 3 },
      ],
    };
    const issues = validateSchema(valid(schema)).issues;
    expect(issues.map((i) => i.path)).toEqual([
      'features[0].minCount',
      'features[1].minCount',
      'features[2].maxLength',
      'features[2].minCount',
    ]);
    expect(issues[2].message).toContain('1 to 1000');
  });

  it('reports unknown properties, such as a misspelt maxLength', () => {
    const schema = { label: 'y', lable: 'x', features: [{ name: 'a', kind: 'CATEGORICAL', maxLenght: 3 }] };
    expect(paths(valid(schema))).toEqual(['lable', 'features[0].maxLenght']);
  });

  it('rejects an unknown kind, naming the allowed ones', () => {
    const check = validateSchema(valid({ label: 'y', features: [{ name: 'a', kind: 'ONEHOT' }] }));
    expect(check.issues).toEqual([{ path: 'features[0].kind', message: expect.stringContaining('CATEGORICAL, SEQUENCE, NUMERIC') }]);
  });

  it('checks how features relate: duplicates, targets, one target per sequence, aligned lengths', () => {
    const schema = {
      label: 'y',
      features: [
        { name: 'item_id', kind: 'CATEGORICAL' },
        { name: 'price', kind: 'NUMERIC' },
        { name: 'item_id', kind: 'CATEGORICAL' },
        { name: 'h1', kind: 'SEQUENCE', target: 'item_id', maxLength: 50 },
        { name: 'h2', kind: 'SEQUENCE', target: 'item_id', maxLength: 20 },
        { name: 'h3', kind: 'SEQUENCE', target: 'price', maxLength: 50 },
        { name: 'h4', kind: 'SEQUENCE', target: 'shop_id', maxLength: 50 },
      ],
    };
    const issues = validateSchema(valid(schema)).issues;
    expect(issues.map((i) => i.path)).toEqual([
      'features[2].name',
      'features[4].target',
      'features[5].target',
      'features[6].target',
      'features',
    ]);
    expect(issues[1].message).toContain('already the target of sequence "h1"');
    expect(issues[2].message).toContain('must be a CATEGORICAL');
    expect(issues[3].message).toContain('not a feature');
    expect(issues[4].message).toContain('same maxLength');
  });

  it('keeps the label, split and group columns apart', () => {
    const features = [{ name: 'user_id', kind: 'CATEGORICAL' }, { name: 'score', kind: 'NUMERIC' }];
    expect(paths(valid({ label: 'user_id', features }))).toEqual(['label']);
    expect(paths(valid({ label: 'y', split: 'y', features }))).toEqual(['split']);
    expect(paths(valid({ label: 'y', group: 'score', features }))).toEqual(['group']);
    expect(paths(valid({ label: 'y', group: 'session', features }))).toEqual([]);
    expect(paths(valid({ label: 'y', features: [{ name: 'score', kind: 'NUMERIC' }] }))).toEqual(['group']);
  });

  it('accepts one-character sequence delimiters that a CSV cell can hold', () => {
    const base = { label: 'y', features: [{ name: 'a', kind: 'CATEGORICAL' }] };
    expect(paths(valid({ ...base, sequenceDelimiter: '^' }))).toEqual([]);
    expect(paths(valid({ ...base, sequenceDelimiter: ',' }))).toEqual(['sequenceDelimiter']);
    expect(paths(valid({ ...base, sequenceDelimiter: '||' }))).toEqual(['sequenceDelimiter']);
  });
});
