// JSON text of one wire object per database row, kept while the row object (from the peer store,
// the same object while the row is unchanged) and the account view it was rendered under stay the
// same: answers listing thousands of peers join cached texts instead of serializing every object.
export class RowTexts<R extends object, V> {
  private readonly texts = new WeakMap<R, { key: string; text: string }>();

  /** `keyOf`: what of the view the shape reads, as a string (say the DNS domain). */
  constructor(
    private readonly shape: (row: R, view: V) => unknown,
    private readonly keyOf: (view: V) => string,
  ) {}

  text(row: R, view: V, key = this.keyOf(view)): string {
    const hit = this.texts.get(row);
    if (hit && hit.key === key) return hit.text;
    const text = JSON.stringify(this.shape(row, view));
    this.texts.set(row, { key, text });
    return text;
  }

  /** `[row, row, …]` as one JSON array text. */
  array(rows: readonly R[], view: V): string {
    const key = this.keyOf(view);
    const out = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.text(rows[i], view, key);
    return `[${out.join(',')}]`;
  }
}
