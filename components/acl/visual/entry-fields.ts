// What the form view shows of each kind of policy entry: its fields (lists are typed one item per
// line, since Tailscale destinations may hold commas: "tag:web:80,443"), a one-line summary, and
// the conversion between an entry's JSON and the form's strings. Members the form does not know
// (a grant's "app", say) are kept as they are: the form only changes the fields it shows.
import type { SectionName } from '@/lib/domain/hujson';

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'list' | 'text' | 'select';
  options?: string[];
  required?: boolean;
  placeholder?: string;
}

export interface SectionSpec {
  title: string;
  /** What one entry is called ("rule", "group"). */
  noun: string;
  /** Keyed sections: the label and prefix of the member name. */
  key?: { label: string; prefix: string };
  fields: FieldSpec[];
}

const list = (name: string, label: string, required = false, placeholder?: string): FieldSpec => ({ name, label, kind: 'list', required, placeholder });

export const SECTION_SPECS: Record<SectionName, SectionSpec> = {
  acls: {
    title: 'ACL rules (acls)',
    noun: 'rule',
    fields: [
      { name: 'action', label: 'Action', kind: 'select', options: ['accept'] },
      list('src', 'Sources', true, 'group:eng'),
      list('dst', 'Destinations (host:ports)', true, 'tag:web:443'),
      { name: 'proto', label: 'Protocol (optional)', kind: 'text', placeholder: 'tcp' },
    ],
  },
  grants: {
    title: 'Grants (grants)',
    noun: 'grant',
    fields: [list('src', 'Sources', true, 'group:eng'), list('dst', 'Destinations', true, 'tag:web'), list('ip', 'IP protocols and ports', false, 'tcp:443'), list('via', 'Via (optional)'), list('srcPosture', 'Source posture (optional)')],
  },
  groups: { title: 'Groups (groups)', noun: 'group', key: { label: 'Group name', prefix: 'group:' }, fields: [list('members', 'Members', false, 'alice@example.com')] },
  tagOwners: { title: 'Tag owners (tagOwners)', noun: 'tag', key: { label: 'Tag', prefix: 'tag:' }, fields: [list('owners', 'Owners', false, 'group:eng')] },
  ssh: {
    title: 'SSH rules (ssh)',
    noun: 'SSH rule',
    fields: [
      { name: 'action', label: 'Action', kind: 'select', options: ['accept', 'check'] },
      list('src', 'Sources', true, 'group:eng'),
      list('dst', 'Destinations', true, 'tag:server'),
      list('users', 'Users', true, 'root'),
      { name: 'checkPeriod', label: 'Check period (optional)', kind: 'text', placeholder: '12h' },
      list('acceptEnv', 'Accepted environment variables (optional)'),
    ],
  },
  tests: {
    title: 'Tests (tests)',
    noun: 'test',
    fields: [
      { name: 'src', label: 'Source', kind: 'text', required: true, placeholder: 'alice@example.com' },
      { name: 'proto', label: 'Protocol (optional)', kind: 'text', placeholder: 'tcp' },
      list('accept', 'Must be accepted (host:port)', false, 'tag:web:443'),
      list('deny', 'Must be denied (host:port)', false, 'tag:db:5432'),
    ],
  },
};

export type FormValues = Record<string, string>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));

/** The form's strings for an entry (keyed sections: the member's value is the one list). */
export function toForm(section: SectionName, value: unknown, key?: string): FormValues {
  const spec = SECTION_SPECS[section];
  const out: FormValues = {};
  if (spec.key) {
    out.key = key ?? spec.key.prefix;
    out[spec.fields[0].name] = Array.isArray(value) ? value.map(show).join('\n') : show(value);
    return out;
  }
  const obj = isObject(value) ? value : {};
  for (const f of spec.fields) {
    const v = obj[f.name];
    out[f.name] = f.kind === 'list' && Array.isArray(v) ? v.map(show).join('\n') : show(v);
  }
  if (spec.fields[0].kind === 'select' && !out[spec.fields[0].name]) out[spec.fields[0].name] = spec.fields[0].options![0];
  return out;
}

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * The entry's new JSON from the form, or the first problem. Fields the form shows replace the old
 * ones (an emptied optional field is dropped); members it does not show stay as they were.
 */
export function fromForm(section: SectionName, form: FormValues, old: unknown): { value: unknown; key?: string } | { problem: string } {
  const spec = SECTION_SPECS[section];
  if (spec.key) {
    const key = (form.key ?? '').trim();
    if (!key.startsWith(spec.key.prefix) || key.length === spec.key.prefix.length) return { problem: `${spec.key.label} must start with ${spec.key.prefix} and name something, like ${spec.key.prefix}example.` };
    return { key, value: lines(form[spec.fields[0].name] ?? '') };
  }
  const value: Record<string, unknown> = isObject(old) ? { ...old } : {};
  for (const f of spec.fields) {
    const raw = form[f.name] ?? '';
    const v = f.kind === 'list' ? lines(raw) : raw.trim();
    if (f.required && v.length === 0) return { problem: `${f.label.replace(/ \(.*\)$/, '')}: enter at least one value.` };
    if (v.length === 0) delete value[f.name];
    else value[f.name] = v;
  }
  return { value };
}

const join = (v: unknown) => (Array.isArray(v) ? v.map(show).join(', ') : show(v));

/** One line saying what an entry does, for the list. */
export function summary(section: SectionName, value: unknown, key?: string): string {
  if (section === 'groups' || section === 'tagOwners') return `${key}: ${join(value) || '(none)'}`;
  const o = isObject(value) ? value : {};
  switch (section) {
    case 'acls':
      return `${show(o.action)} ${join(o.src)} → ${join(o.dst)}${o.proto ? ` (${show(o.proto)})` : ''}`;
    case 'grants':
      return `${join(o.src)} → ${join(o.dst)}${o.ip ? ` · ${join(o.ip)}` : ''}${o.app ? ' · app' : ''}`;
    case 'ssh':
      return `${show(o.action)} ${join(o.src)} → ${join(o.dst)} as ${join(o.users)}`;
    case 'tests':
      return `${show(o.src)}${o.accept ? ` accepts ${join(o.accept)}` : ''}${o.deny ? `${o.accept ? ';' : ''} denies ${join(o.deny)}` : ''}`;
  }
  return '';
}
