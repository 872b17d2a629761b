import { describe, expect, it } from 'vitest';
import type { FeatureSchema } from '../api/types';
import {
  candidateLabel,
  contextInstance,
  historyLabels,
  parseCandidates,
  parseJsonInput,
  parseList,
  playgroundFields,
  predictInstances,
} from './playgroundInput';

const schema: FeatureSchema = {
  label: 'label',
  features: [
    { name: 'user_id', kind: 'CATEGORICAL' },
    { name: 'age', kind: 'NUMERIC' },
    { name: 'item_id', kind: 'CATEGORICAL' },
    { name: 'cate_id', kind: 'CATEGORICAL' },
    { name: 'hist_item_id', kind: 'SEQUENCE', target: 'item_id', maxLength: 50 },
    { name: 'hist_cate_id', kind: 'SEQUENCE', target: 'cate_id', maxLength: 50 },
  ],
};
const fields = playgroundFields(schema);

describe('playground input', () => {
  it('groups the schema into context, history and candidate features', () => {
    expect(fields.context.map((f) => f.name)).toEqual(['user_id', 'age']);
    expect(fields.history.map((f) => f.name)).toEqual(['hist_item_id', 'hist_cate_id']);
    expect(fields.candidate.map((f) => f.name)).toEqual(['item_id', 'cate_id']);
  });

  it('reads lists in the separators people type and the dataset uses', () => {
    expect(parseList('1 2,3|4^5\n6')).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(parseList('  ')).toEqual([]);
  });

  it('builds the user context with raw values, numbers for numeric features', () => {
    const context = contextInstance(fields, { user_id: '196', age: '49' }, { hist_item_id: '242 302', hist_cate_id: '3|7' });
    expect(context).toEqual({ user_id: '196', age: 49, hist_item_id: ['242', '302'], hist_cate_id: ['3', '7'] });
    expect(historyLabels(context, ['hist_item_id', 'hist_cate_id'])).toEqual(['242 · 3', '302 · 7']);
  });

  it('accepts an empty history', () => {
    const context = contextInstance(fields, { user_id: '1', age: '30' }, {});
    expect(context.hist_item_id).toEqual([]);
    expect(historyLabels(context)).toEqual([]);
  });

  it('says which value is missing, not a number, or misaligned', () => {
    expect(() => contextInstance(fields, { user_id: '1' }, {})).toThrow('Enter a value for age.');
    expect(() => contextInstance(fields, { user_id: '1', age: 'old' }, {})).toThrow('age is NUMERIC, "old" is not a number');
    expect(() => contextInstance(fields, { user_id: '1', age: '3' }, { hist_item_id: '1 2', hist_cate_id: '1' })).toThrow(
      'hist_item_id has 2, hist_cate_id has 1',
    );
  });

  it('reads one candidate per line and names a wrong line', () => {
    expect(parseCandidates(fields, '50, 4\n\n181 1\n')).toEqual([
      { item_id: '50', cate_id: '4' },
      { item_id: '181', cate_id: '1' },
    ]);
    expect(() => parseCandidates(fields, '50, 4\n7')).toThrow('Candidate line 2: expected 2 value(s) (item_id, cate_id), got 1.');
    expect(() => parseCandidates(fields, ' \n')).toThrow('at least one candidate');
  });

  it('joins context and candidate into prediction instances, and labels candidates', () => {
    const instances = predictInstances({ user_id: '1', hist_item_id: ['5'] }, [{ item_id: '9' }, { item_id: '8' }]);
    expect(instances).toEqual([
      { user_id: '1', hist_item_id: ['5'], item_id: '9' },
      { user_id: '1', hist_item_id: ['5'], item_id: '8' },
    ]);
    expect(candidateLabel({ item_id: '50', cate_id: '4' })).toBe('50 · 4');
  });

  it('parses free JSON of the expected shape', () => {
    expect(parseJsonInput('{"a": 1}', 'The context', 'object')).toEqual({ a: 1 });
    expect(() => parseJsonInput('[1]', 'The context', 'object')).toThrow('The context must be a JSON object.');
    expect(() => parseJsonInput('{', 'The candidates', 'array')).toThrow('The candidates is not valid JSON');
  });
});
