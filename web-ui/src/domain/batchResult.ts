// The head of a batch prediction's CSV of scores (row,group,item,score[,label],unknownFeatures) as table rows.

export interface BatchResultRow {
  row: string;
  group: string;
  item: string;
  score: number;
  label?: string;
  unknownFeatures: string;
}

/** Splits one CSV line (RFC 4180: a quoted field may hold commas and doubled quotes). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out;
}

/** The rows under the header, by the header's column names; lines that are not whole rows are left out. */
export function batchResultRows(lines: string[]): BatchResultRow[] {
  if (lines.length === 0) return [];
  const header = fields(lines[0].replace(/\r$/, ''));
  const at = (name: string) => header.indexOf(name);
  return lines.slice(1).flatMap((line) => {
    const values = fields(line.replace(/\r$/, ''));
    if (values.length !== header.length) return [];
    const score = Number(values[at('score')]);
    if (!Number.isFinite(score)) return [];
    return [{
      row: values[at('row')] ?? '',
      group: values[at('group')] ?? '',
      item: values[at('item')] ?? '',
      score,
      ...(at('label') >= 0 ? { label: values[at('label')] } : {}),
      unknownFeatures: at('unknownFeatures') >= 0 ? values[at('unknownFeatures')] : '',
    }];
  });
}
