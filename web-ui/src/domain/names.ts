// Names of datasets and models are path segments of the API and keys of the catalog: letters, digits, ".", "-"
// and "_", starting with a letter or digit, at most 128 characters.

const CATALOG_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function catalogNameProblem(name: string, what: string, example: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return `Enter a ${what} name, e.g. ${example}.`;
  if (!CATALOG_NAME.test(trimmed)) {
    return `A ${what} name holds letters, digits, ".", "-" and "_", starts with a letter or digit, and has at most 128 characters.`;
  }
  return undefined;
}

export const datasetNameProblem = (name: string) => catalogNameProblem(name, 'dataset', 'movielens-100k');
export const modelNameProblem = (name: string) => catalogNameProblem(name, 'model', 'movielens-din');
