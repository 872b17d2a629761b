import { useId, useMemo } from 'react';
import { EXAMPLE_SCHEMA, validateSchema } from '../domain/schemaValidation';

interface SchemaEditorProps {
  value: string;
  onChange: (value: string) => void;
}

/**
 * A JSON editor for a dataset schema that checks it as the user types and lists every problem at its JSON path.
 */
export function SchemaEditor({ value, onChange }: SchemaEditorProps) {
  const id = useId();
  const check = useMemo(() => validateSchema(value), [value]);
  const untouched = value.trim() === '';
  return (
    <div className="schema-editor">
      <div className="schema-editor-head">
        <label htmlFor={id}>Schema (JSON)</label>
        <button
          type="button"
          className="button-link"
          onClick={() => onChange(JSON.stringify(EXAMPLE_SCHEMA, null, 2))}
          data-testid="schema-example"
        >
          Insert the example schema
        </button>
      </div>
      <textarea
        id={id}
        className="code"
        rows={14}
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!untouched && !check.valid}
        aria-describedby={`${id}-check`}
        data-testid="schema-input"
      />
      <div id={`${id}-check`} aria-live="polite">
        {untouched ? (
          <small className="field-hint">Name the label column and each feature with its kind.</small>
        ) : check.valid ? (
          <small className="schema-ok" data-testid="schema-valid">
            Valid schema: {check.schema.features.length} features, label “{check.schema.label}”.
          </small>
        ) : (
          <ul className="schema-issues" data-testid="schema-issues">
            {check.issues.map((issue, index) => (
              <li key={index}>
                {issue.path && <code>{issue.path}</code>} {issue.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
