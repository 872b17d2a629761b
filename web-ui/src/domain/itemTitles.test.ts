import { describe, expect, it } from 'vitest';
import type { FeatureSchema, Instance } from '../api/types';
import { candidateItem, historyItems, itemFeatures, itemIdsOf, itemLabel, titlesFrom } from './itemTitles';

const schema: FeatureSchema = {
  label: 'label',
  features: [
    { name: 'user_id', kind: 'CATEGORICAL' },
    { name: 'movie', kind: 'CATEGORICAL' },
    { name: 'genre', kind: 'CATEGORICAL' },
    { name: 'watched', kind: 'SEQUENCE', target: 'movie', maxLength: 10 },
    { name: 'watched_genres', kind: 'SEQUENCE', target: 'genre', maxLength: 10 },
  ],
};

describe('item titles', () => {
  it('finds the item features as the target of the first sequence, else the names a build writes', () => {
    expect(itemFeatures(schema)).toEqual({ candidate: 'movie', history: 'watched' });
    expect(itemFeatures(undefined)).toEqual({ candidate: 'item_id', history: 'hist_item_id' });
  });

  it('collects every item id of a query once, candidates first', () => {
    const features = itemFeatures(schema);
    const context = { user_id: 'u1', watched: ['50', '1', '50'], watched_genres: ['Action', 'Animation', 'Action'] };
    const candidates: Instance[] = [{ movie: '1', genre: 'Animation' }, { movie: 181, genre: 'Action' }, { genre: 'x' }];
    expect(candidateItem(candidates[1], features)).toBe('181');
    expect(candidateItem(candidates[2], features)).toBeUndefined();
    expect(historyItems(context, features)).toEqual(['50', '1', '50']);
    expect(itemIdsOf(context, candidates, features)).toEqual(['1', '181', '50']);
  });

  it('shows the title with the raw label on hover, and the raw label where no title is known', () => {
    const titles = titlesFrom([
      { id: '1', title: 'Toy Story (1995)', category: 'Animation' },
      { id: '2', title: null },
    ]);
    expect(titles.has('2')).toBe(false);
    expect(itemLabel('1 · Animation', '1', titles)).toEqual({ text: 'Toy Story (1995)', hover: '1 · Animation' });
    expect(itemLabel('2 · Drama', '2', titles)).toEqual({ text: '2 · Drama', hover: '2 · Drama' });
    expect(itemLabel('x', undefined, titles)).toEqual({ text: 'x', hover: 'x' });
  });
});
