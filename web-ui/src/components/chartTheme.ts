// Chart colours, kept in step with the CSS variables of styles.css (SVG presentation attributes cannot read them).
export const CHART = {
  primary: '#2563eb',
  secondary: '#d97706',
  positive: '#16a34a',
  negative: '#94a3b8',
  grid: '#e2e8f0',
  axis: '#475569',
  height: 260,
  /** One colour per compared run, in order (at most five runs are compared). */
  runs: ['#2563eb', '#d97706', '#16a34a', '#db2777', '#7c3aed'],
} as const;
