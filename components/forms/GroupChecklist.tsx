'use client';

export interface GroupChoice {
  id: string;
  name: string;
}

/** Pick groups by name: one labelled checkbox each, inside a fieldset whose legend says what for. */
export function GroupChecklist(props: { legend: string; groups: GroupChoice[]; selected: string[]; onChange: (ids: string[]) => void; empty?: string; disabled?: boolean }) {
  return (
    <fieldset className="field checklist">
      <legend>{props.legend}</legend>
      {props.groups.length === 0 ? (
        <span className="empty">{props.empty ?? 'No groups yet. Create one under Groups first.'}</span>
      ) : (
        <span className="row" style={{ gap: 14 }}>
          {props.groups.map((g) => (
            <label key={g.id} className="check">
              <input
                type="checkbox"
                checked={props.selected.includes(g.id)}
                disabled={props.disabled}
                onChange={(e) => props.onChange(e.target.checked ? [...props.selected, g.id] : props.selected.filter((x) => x !== g.id))}
              />
              {g.name}
            </label>
          ))}
        </span>
      )}
    </fieldset>
  );
}
