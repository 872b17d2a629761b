import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import { Field } from '../../components/Field';
import { ProblemPanel } from '../../components/ProblemPanel';
import { SchemaEditor } from '../../components/SchemaEditor';
import { validateSchema } from '../../domain/schemaValidation';
import { navigate } from '../../routing/useRoute';
import { datasetNameProblem } from '../../domain/names';

/**
 * Registers the next version of a dataset from a samples file (CSV, optionally gzipped, or Parquet) and its schema,
 * with its items table (ids with titles) if one is chosen. The schema is checked here first; the platform's own
 * verdict (bad rows with row and column, of the samples or of the items) is shown as it answers.
 */
export function DatasetUploadForm() {
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [items, setItems] = useState<File | undefined>();
  const [schema, setSchema] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const nameError = datasetNameProblem(name);
  const schemaValid = validateSchema(schema).valid;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (nameError || !file || !schemaValid) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const created = await api.uploadDataset(name.trim(), file, schema, items);
      navigate({ page: 'datasetVersion', name: created.name, version: String(created.version) });
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid="upload-form">
      <Field label="Dataset name" error={submitted ? nameError : undefined} hint="A new name, or an existing one to add a version.">
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="upload-name" />
      </Field>
      <Field label="Samples file (CSV, optionally .gz, or Parquet)" error={submitted && !file ? 'Choose the samples file to upload.' : undefined}>
        <input type="file" accept=".csv,.gz,.txt,.parquet,text/csv" onChange={(e) => setFile(e.target.files?.[0])} data-testid="upload-file" />
      </Field>
      <Field label="Items file (optional)" hint="A CSV with a header naming id and title (and optionally category and further columns): the titles shown for item ids.">
        <input type="file" accept=".csv,.txt,text/csv" onChange={(e) => setItems(e.target.files?.[0])} data-testid="upload-items" />
      </Field>
      <SchemaEditor value={schema} onChange={setSchema} />
      {submitted && !schemaValid && <p className="field-error">Fix the schema before uploading.</p>}
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="upload-submit">
          {busy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      {problem && <ProblemPanel problem={problem} testId="upload-problem" />}
    </form>
  );
}
