'use client';
// Saving: the change against the saved version, an optional message, and the save itself with
// If-Match. When someone else saved first (412) it shows their change against this one and lets
// the user take theirs (dropping this edit) or overwrite it deliberately.
import { useState } from 'react';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorAlert } from '../Feedback';
import { DiffView } from './DiffView';
import { isConflict, loadPolicy, savePolicy } from './policy-api';
import type { SavedPolicy } from './types';

export function SavePanel(props: {
  saved: SavedPolicy;
  text: string;
  blockedBy: string | null;
  onSaved(saved: SavedPolicy, version: number): void;
  onTakeTheirs(theirs: SavedPolicy): void;
  onClose(): void;
}) {
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [theirs, setTheirs] = useState<SavedPolicy | null>(null);

  async function save(etag: string) {
    setBusy(true);
    setError(null);
    try {
      const r = await savePolicy(props.text, message.trim(), etag);
      props.onSaved({ text: props.text, etag: r.etag }, r.version);
    } catch (e) {
      if (isConflict(e)) setTheirs(await loadPolicy().catch(() => null));
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (theirs) {
    return (
      <section className="panel" aria-labelledby="conflict-title" data-testid="acl-conflict">
        <h2 id="conflict-title" className="mt-0">Someone else saved first</h2>
        <p>
          The policy changed since you loaded it. Left: the version saved now; right: yours. Take theirs (your edit is dropped) or overwrite it with yours.
        </p>
        <DiffView id="conflict" original={theirs.text} modified={props.text} label="Their saved version compared with yours" />
        <ErrorAlert message={error} />
        <div className="row mt-12">
          <button type="button" onClick={() => props.onTakeTheirs(theirs)}>
            Reload their version
          </button>
          <ConfirmButton label="Overwrite with mine" confirmLabel="Confirm overwrite" removes="Replaces the version saved meanwhile by someone else with yours: their changes are dropped (they stay in the history)." disabled={busy || !!props.blockedBy} onConfirm={() => save(theirs.etag)} />
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </section>
    );
  }

  const unchanged = props.text === props.saved.text;
  return (
    <section className="panel" aria-labelledby="save-title" data-testid="acl-save">
      <h2 id="save-title" className="mt-0">Review and save</h2>
      {unchanged ? <p className="empty">No changes against the saved version.</p> : <DiffView id="save" original={props.saved.text} modified={props.text} label="Saved version compared with your edit" />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (props.blockedBy) return setError(props.blockedBy);
          save(props.saved.etag);
        }}
      >
        <div className="field mt-12">
          <label htmlFor="acl-message">Message (optional)</label>
          <input id="acl-message" value={message} maxLength={500} onChange={(e) => setMessage(e.target.value)} placeholder="e.g. let ops reach the databases" />
        </div>
        {props.blockedBy && (
          <p className="error" role="alert" data-testid="save-blocked">
            {props.blockedBy}
          </p>
        )}
        <ErrorAlert message={error} />
        <div className="row">
          <button type="submit" className="primary" disabled={busy || unchanged || !!props.blockedBy}>
            Save policy
          </button>
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
