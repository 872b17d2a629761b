import { describe, expect, it } from 'vitest';
import { batchResultRows } from './batchResult';

describe('the head of a batch result', () => {
  it('reads rows by the header, quoted fields included, and leaves a cut last line out', () => {
    const rows = batchResultRows([
      'row,group,item,score,label,unknownFeatures',
      '1,196,242,0.73,1,',
      '2,196,"B01,x",0.12,0,"item_id,hist_item_id"',
      '3,186,30',
    ]);
    expect(rows).toEqual([
      { row: '1', group: '196', item: '242', score: 0.73, label: '1', unknownFeatures: '' },
      { row: '2', group: '196', item: 'B01,x', score: 0.12, label: '0', unknownFeatures: 'item_id,hist_item_id' },
    ]);
  });

  it('has no label column for a dataset without labels', () => {
    expect(batchResultRows(['row,group,item,score,unknownFeatures', '1,u1,i1,0.5,'])).toEqual([
      { row: '1', group: 'u1', item: 'i1', score: 0.5, unknownFeatures: '' },
    ]);
    expect(batchResultRows([])).toEqual([]);
  });
});
