import { describe, expect, it } from 'vitest';
import type { DatasetUser, FeatureSchema } from '../api/types';
import { playgroundFields } from './playgroundInput';
import { pickedSummary, pickedText, pickedUser } from './pickedUser';

const schema: FeatureSchema = {
  label: 'label',
  features: [
    { name: 'user_id', kind: 'CATEGORICAL' },
    { name: 'age', kind: 'NUMERIC' },
    { name: 'item_id', kind: 'CATEGORICAL' },
    { name: 'cate_id', kind: 'CATEGORICAL' },
    { name: 'hist_item_id', kind: 'SEQUENCE', target: 'item_id', maxLength: 3 },
    { name: 'hist_cate_id', kind: 'SEQUENCE', target: 'cate_id', maxLength: 3 },
  ],
};
const fields = playgroundFields(schema);

const user: DatasetUser = {
  name: 'ml',
  version: 2,
  groupColumn: 'user_id',
  userId: 'u3',
  rows: 4,
  row: 34,
  label: 1,
  historyLength: 7,
  features: {
    user_id: 'u3', age: 41, item_id: 'i131', cate_id: 'c1',
    hist_item_id: ['i5', 'i6', 'i7'], hist_cate_id: ['c5', 'c6', 'c7'], extra: 'not read by the model',
  },
};

describe('a user picked from a dataset', () => {
  it('gives the model its context and history, and the row’s candidate apart', () => {
    const picked = pickedUser(fields, user);
    expect(picked.context).toEqual({ user_id: 'u3', age: 41, hist_item_id: ['i5', 'i6', 'i7'], hist_cate_id: ['c5', 'c6', 'c7'] });
    expect(picked.candidate).toEqual({ item_id: 'i131', cate_id: 'c1' });
    expect(picked.missing).toEqual([]);
  });

  it('names the features the row lacks and leaves them out', () => {
    const partial: DatasetUser = { ...user, features: { user_id: 'u3', age: null, item_id: 'i131', hist_item_id: [], hist_cate_id: [] } };
    const picked = pickedUser(fields, partial);
    expect(picked.missing).toEqual(['age', 'cate_id']);
    expect(picked.context).toEqual({ user_id: 'u3', hist_item_id: [], hist_cate_id: [] });
    expect(picked.candidate).toBeUndefined();
  });

  it('becomes the text of the playground’s form fields', () => {
    expect(pickedText(fields, pickedUser(fields, user))).toEqual({
      context: { user_id: 'u3', age: '41' },
      history: { hist_item_id: 'i5 i6 i7', hist_cate_id: 'c5 c6 c7' },
      candidateLine: 'i131, c1',
    });
  });

  it('says where the values came from and how much of the history the model sees', () => {
    expect(pickedSummary(user, fields)).toBe('Filled from user_id u3 of ml v2: row 34 (the latest of 4), the newest 3 of 7 history items.');
    const short = { ...user, historyLength: 1, features: { ...user.features, hist_item_id: ['i5'], hist_cate_id: ['c5'] } };
    expect(pickedSummary(short, fields)).toBe('Filled from user_id u3 of ml v2: row 34 (the latest of 4), 1 history item.');
  });
});
