// Checks a dataset schema (docs/architecture.md, 'The samples format and the schema') in the browser before it is
// uploaded, by the rules the platform applies (din-core's FeatureSchemaJson and FeatureSchemaValidator), so a typo is
// pointed out at its JSON path at once instead of after a long upload. The platform checks again and has the last
// word.
import type { FeatureKind, FeatureSchema } from '../api/types';
import { findJsonSyntaxError } from './jsonSyntax';

export interface SchemaIssue {
  /** Where the problem is, as a JSON path: `features[2].target`; empty for the document itself. */
  path: string;
  message: string;
}

export type SchemaCheck = { valid: true; schema: FeatureSchema; issues: [] } | { valid: false; issues: SchemaIssue[] };

export const MAX_SEQUENCE_LENGTH = 1000;
const KINDS: readonly FeatureKind[] = ['CATEGORICAL', 'SEQUENCE', 'NUMERIC'];
const SCHEMA_KEYS = ['label', 'group', 'split', 'sequenceDelimiter', 'features'];
const FEATURE_KEYS = ['name', 'kind', 'target', 'maxLength', 'minCount', 'idDropout'];
/** Characters that cannot separate values inside a CSV cell without quoting, or that end a line. */
const FORBIDDEN_DELIMITERS = [',', '"', '\r', '\n'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function parse(source: string): { value: unknown } | { issue: SchemaIssue } {
  if (source.trim() === '') return { issue: { path: '', message: 'The schema is empty: write a JSON object.' } };
  const syntax = findJsonSyntaxError(source);
  if (syntax) {
    return { issue: { path: '', message: `Not valid JSON at line ${syntax.line}, column ${syntax.column}: ${syntax.message}.` } };
  }
  return { value: JSON.parse(source) };
}

/** The schema's own checker: collects every issue rather than stopping at the first. */
class SchemaChecker {
  readonly issues: SchemaIssue[] = [];

  private add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  check(schema: Json): void {
    this.unknownProperties(schema, SCHEMA_KEYS, '');
    const features = Array.isArray(schema.features) ? schema.features : undefined;
    if (!features || features.length === 0) {
      this.add('features', 'At least one feature is required ("features" is a non-empty array).');
    }
    const specs = (features ?? []).map((feature, index) => this.feature(feature, index)).filter(isObject);
    this.sequences(specs, features ?? []);
    this.specialColumns(schema, specs);
    this.delimiter(schema.sequenceDelimiter);
  }

  private unknownProperties(node: Json, known: string[], at: string): void {
    for (const key of Object.keys(node)) {
      if (!known.includes(key)) {
        this.add(at === '' ? key : `${at}.${key}`, `Unknown property "${key}" (known: ${known.join(', ')}).`);
      }
    }
  }

  private feature(feature: unknown, index: number): Json | undefined {
    const at = `features[${index}]`;
    if (!isObject(feature)) {
      this.add(at, 'Each feature is an object with "name" and "kind".');
      return undefined;
    }
    this.unknownProperties(feature, FEATURE_KEYS, at);
    if (isBlank(feature.name)) this.add(`${at}.name`, 'Required: the CSV column this feature reads.');
    if (feature.kind === undefined || feature.kind === null) {
      this.add(`${at}.kind`, `Required (one of ${KINDS.join(', ')}).`);
      return feature;
    }
    if (!KINDS.includes(feature.kind as FeatureKind)) {
      this.add(`${at}.kind`, `Unknown kind "${String(feature.kind)}" (one of ${KINDS.join(', ')}).`);
      return feature;
    }
    if (feature.kind === 'SEQUENCE') this.sequenceFields(feature, at);
    else this.nonSequenceFields(feature, at);
    return feature;
  }

  private sequenceFields(feature: Json, at: string): void {
    const maxLength = feature.maxLength;
    if (maxLength === undefined) {
      this.add(`${at}.maxLength`, `Required for a SEQUENCE (1..${MAX_SEQUENCE_LENGTH}).`);
    } else if (!isWholeNumber(maxLength) || maxLength < 1 || maxLength > MAX_SEQUENCE_LENGTH) {
      this.add(`${at}.maxLength`, `Must be a whole number from 1 to ${MAX_SEQUENCE_LENGTH}, got ${JSON.stringify(maxLength)}.`);
    }
    if (isBlank(feature.target)) {
      this.add(`${at}.target`, 'Required for a SEQUENCE: the CATEGORICAL feature whose embedding it shares (e.g. item_id).');
    }
    if (feature.minCount !== undefined) {
      this.add(`${at}.minCount`, 'A SEQUENCE uses the vocabulary of its target; set minCount on the target.');
    }
    if (feature.idDropout !== undefined) {
      this.add(`${at}.idDropout`, 'A SEQUENCE uses the vocabulary of its target; set idDropout on the target.');
    }
  }

  private nonSequenceFields(feature: Json, at: string): void {
    const kind = String(feature.kind);
    if (feature.target !== undefined) this.add(`${at}.target`, `Only a SEQUENCE has a target; this feature is ${kind}.`);
    if (feature.maxLength !== undefined) this.add(`${at}.maxLength`, `Only a SEQUENCE has a maxLength; this feature is ${kind}.`);
    this.idDropout(feature, at, kind);
    if (feature.minCount === undefined) return;
    if (kind !== 'CATEGORICAL') {
      this.add(`${at}.minCount`, `Only a CATEGORICAL feature has a minCount; this feature is ${kind}.`);
    } else if (!isWholeNumber(feature.minCount) || feature.minCount < 1) {
      this.add(`${at}.minCount`, `Must be a whole number of at least 1, got ${JSON.stringify(feature.minCount)}.`);
    }
  }

  /** The probability that a training id is replaced by the unknown index: CATEGORICAL only, 0 to below 1. */
  private idDropout(feature: Json, at: string, kind: string): void {
    const p = feature.idDropout;
    if (p === undefined) return;
    if (kind !== 'CATEGORICAL') {
      this.add(`${at}.idDropout`, `Only a CATEGORICAL feature has an id dropout; this feature is ${kind}.`);
    } else if (typeof p !== 'number' || !(p >= 0 && p < 1)) {
      this.add(`${at}.idDropout`, `Must be a number from 0 to below 1, got ${JSON.stringify(p)}.`);
    }
  }

  /** Unique names, targets that exist and are categorical, one sequence per target, one shared maxLength. */
  private sequences(specs: Json[], all: unknown[]): void {
    const firstIndex = new Map<string, number>();
    all.forEach((feature, index) => {
      if (!isObject(feature) || isBlank(feature.name)) return;
      const name = feature.name as string;
      const earlier = firstIndex.get(name);
      if (earlier === undefined) firstIndex.set(name, index);
      else this.add(`features[${index}].name`, `Duplicate feature name "${name}" (first declared at features[${earlier}]).`);
    });
    const kindOf = (name: string) => specs.find((f) => f.name === name)?.kind;
    const sequenceByTarget = new Map<string, string>();
    specs.forEach((feature) => {
      if (feature.kind !== 'SEQUENCE' || isBlank(feature.target)) return;
      const target = feature.target as string;
      const at = `features[${all.indexOf(feature)}].target`;
      const targetKind = kindOf(target);
      if (targetKind === undefined) this.add(at, `"${target}" is not a feature of the schema.`);
      else if (targetKind !== 'CATEGORICAL') this.add(at, `"${target}" must be a CATEGORICAL feature; it is ${String(targetKind)}.`);
      const other = sequenceByTarget.get(target);
      if (other !== undefined) this.add(at, `"${target}" is already the target of sequence "${other}".`);
      else sequenceByTarget.set(target, String(feature.name));
    });
    const lengths = new Set(specs.filter((f) => f.kind === 'SEQUENCE' && isWholeNumber(f.maxLength)).map((f) => f.maxLength));
    if (lengths.size > 1) {
      this.add('features', `All SEQUENCE features form one aligned history and need the same maxLength (found ${[...lengths].join(', ')}).`);
    }
  }

  private specialColumns(schema: Json, specs: Json[]): void {
    const featureNames = new Set(specs.map((f) => f.name).filter((n): n is string => typeof n === 'string'));
    const { label, split, group } = schema;
    if (isBlank(label)) this.add('label', 'Required: the binary 0/1 click column.');
    else if (featureNames.has(label as string)) this.add('label', `"${label}" is also a feature; the label must not be an input.`);
    if (split !== undefined && split !== null) {
      if (isBlank(split)) this.add('split', 'Must name a column or be left out.');
      else if (featureNames.has(split as string)) this.add('split', `"${split}" is also a feature.`);
      else if (split === label) this.add('split', `"${split}" is also the label.`);
    }
    if (group !== undefined && group !== null) {
      const groupKind = specs.find((f) => f.name === group)?.kind;
      if (isBlank(group)) this.add('group', 'Must name a column or be left out (default: the first categorical feature).');
      else if (group === label) this.add('group', `"${group}" is also the label.`);
      else if (group === split) this.add('group', `"${group}" is also the split column.`);
      else if (groupKind !== undefined && groupKind !== 'CATEGORICAL') {
        this.add('group', `"${group}" must be a CATEGORICAL feature or a column outside the features.`);
      }
    } else if (!specs.some((f) => f.kind === 'CATEGORICAL') && specs.every((f) => KINDS.includes(f.kind as FeatureKind))) {
      this.add('group', 'Required when the schema has no CATEGORICAL feature to default to.');
    }
  }

  private delimiter(delimiter: unknown): void {
    if (delimiter === undefined || delimiter === null) return;
    if (typeof delimiter !== 'string' || [...delimiter].length !== 1) {
      this.add('sequenceDelimiter', `Must be exactly one character, got ${JSON.stringify(delimiter)}.`);
    } else if (FORBIDDEN_DELIMITERS.includes(delimiter)) {
      this.add('sequenceDelimiter', `${JSON.stringify(delimiter)} cannot separate values inside a CSV cell; use | or ^.`);
    }
  }
}

export function validateSchema(source: string): SchemaCheck {
  const parsed = parse(source);
  if ('issue' in parsed) return { valid: false, issues: [parsed.issue] };
  if (!isObject(parsed.value)) {
    return { valid: false, issues: [{ path: '', message: 'The schema must be a JSON object with "label" and "features".' }] };
  }
  const checker = new SchemaChecker();
  checker.check(parsed.value);
  return checker.issues.length === 0
    ? { valid: true, schema: parsed.value as unknown as FeatureSchema, issues: [] }
    : { valid: false, issues: checker.issues };
}

/** The example schema of docs/architecture.md, 'The samples format and the schema': a starting point for the editor. */
export const EXAMPLE_SCHEMA: FeatureSchema = {
  label: 'label',
  group: 'user_id',
  features: [
    { name: 'user_id', kind: 'CATEGORICAL' },
    { name: 'item_id', kind: 'CATEGORICAL' },
    { name: 'cate_id', kind: 'CATEGORICAL' },
    { name: 'hist_item_id', kind: 'SEQUENCE', target: 'item_id', maxLength: 50 },
    { name: 'hist_cate_id', kind: 'SEQUENCE', target: 'cate_id', maxLength: 50 },
  ],
};
