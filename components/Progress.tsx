// A long operation's progress: what is being done, how far it is ("120 of 400 peers"), and a bar.
// Announced politely to screen readers as it advances.
export interface ProgressState {
  label: string;
  done: number;
  total: number;
  unit: string;
}

export function Progress({ state }: { state: ProgressState | null }) {
  if (!state) return null;
  const { label, done, total, unit } = state;
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="progress">
      <span>
        {label}: {done.toLocaleString('en-US')} of {total.toLocaleString('en-US')} {unit}
      </span>
      <progress max={total} value={done} aria-label={label} />
    </div>
  );
}
