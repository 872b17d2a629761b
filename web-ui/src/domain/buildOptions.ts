// The optional settings of a dataset build from raw logs (POST /api/v1/datasets/builds): empty fields are left out
// so the protocol's own defaults apply; filled ones are checked against the platform's ranges.

export interface BuildOptionsForm {
  ratingThreshold: string;
  maxLength: string;
  seed: string;
  validFraction: string;
  testFraction: string;
}

export type BuildOptions = Partial<Record<keyof BuildOptionsForm, number>>;

type Rule = { min: number; max: number; whole: boolean; label: string };

const RULES: Record<keyof BuildOptionsForm, Rule> = {
  ratingThreshold: { min: -1e9, max: 1e9, whole: false, label: 'The rating threshold' },
  maxLength: { min: 1, max: 1000, whole: true, label: 'The history length' },
  seed: { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER, whole: true, label: 'The seed' },
  validFraction: { min: 0, max: 0.9, whole: false, label: 'The validation fraction' },
  testFraction: { min: 0, max: 0.9, whole: false, label: 'The test fraction' },
};

export function buildOptions(form: BuildOptionsForm): { options: BuildOptions; errors?: Partial<Record<keyof BuildOptionsForm, string>> } {
  const options: BuildOptions = {};
  const errors: Partial<Record<keyof BuildOptionsForm, string>> = {};
  for (const key of Object.keys(RULES) as Array<keyof BuildOptionsForm>) {
    const text = form[key].trim();
    if (text === '') continue;
    const rule = RULES[key];
    const value = Number(text);
    if (!Number.isFinite(value) || value < rule.min || value > rule.max || (rule.whole && !Number.isInteger(value))) {
      const range = key === 'seed' || key === 'ratingThreshold' ? '' : ` from ${rule.min} to ${rule.max}`;
      errors[key] = `${rule.label} must be ${rule.whole ? 'a whole number' : 'a number'}${range}.`;
    } else {
      options[key] = value;
    }
  }
  return Object.keys(errors).length > 0 ? { options, errors } : { options };
}
