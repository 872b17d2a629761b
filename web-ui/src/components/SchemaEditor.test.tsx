// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaEditor } from './SchemaEditor';

function Harness({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return <SchemaEditor value={value} onChange={setValue} />;
}

afterEach(cleanup);

describe('SchemaEditor', () => {
  it('shows a hint, not an error, before anything is typed', () => {
    render(<Harness />);
    expect(screen.queryByTestId('schema-issues')).toBeNull();
    expect(screen.getByTestId('schema-input').getAttribute('aria-invalid')).toBe('false');
  });

  it('lists every problem at its JSON path as the user types', () => {
    render(<Harness />);
    fireEvent.change(screen.getByTestId('schema-input'), {
      target: { value: '{"label": "y", "features": [{"name": "hist", "kind": "SEQUENCE", "target": "item_id"}]}' },
    });
    const issues = screen.getByTestId('schema-issues');
    expect(issues.textContent).toContain('features[0].maxLength');
    expect(issues.textContent).toContain('"item_id" is not a feature of the schema');
    expect(screen.getByTestId('schema-input').getAttribute('aria-invalid')).toBe('true');
  });

  it('reports a syntax error with its line and column', () => {
    render(<Harness />);
    fireEvent.change(screen.getByTestId('schema-input'), { target: { value: '{\n"label": "y",\n}' } });
    expect(screen.getByTestId('schema-issues').textContent).toContain('Not valid JSON at line 3, column 1');
  });

  it('inserts the example schema, which is valid', () => {
    render(<Harness />);
    fireEvent.click(screen.getByTestId('schema-example'));
    expect((screen.getByTestId('schema-input') as HTMLTextAreaElement).value).toContain('hist_item_id');
    expect(screen.getByTestId('schema-valid').textContent).toContain('5 features');
  });
});
