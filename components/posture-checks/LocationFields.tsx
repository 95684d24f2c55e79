'use client';
import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import type { NetbirdCity, NetbirdCountry as Country } from '@/lib/dialects/netbird/locations';
import type { Location } from './check-form';

/** City names of a country, for suggestions (NetBird's object form of the cities list). */
function useCities(country: string): string[] {
  const [cities, setCities] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    setCities([]);
    if (country) {
      api<NetbirdCity[]>(`/api/locations/countries/${country}/cities?format=objects`)
        .then((cs) => live && setCities(cs.map((c) => c.city_name)))
        .catch(() => undefined); // suggestions only: the field still takes any name
    }
    return () => {
      live = false;
    };
  }, [country]);
  return cities;
}

function LocationRow(props: { index: number; value: Location; countries: Country[]; onChange: (l: Location) => void; onRemove?: () => void }) {
  const id = useId();
  const cities = useCities(props.value.country);
  const n = props.index + 1;
  return (
    <div className="row" data-testid="location-row">
      <div className="field">
        <label htmlFor={`${id}-country`}>Country {n}</label>
        <select id={`${id}-country`} value={props.value.country} onChange={(e) => props.onChange({ country: e.target.value, city: '' })}>
          <option value="">Choose a country…</option>
          {props.countries.map((c) => (
            <option key={c.country_code} value={c.country_code}>
              {c.country_name} ({c.country_code})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-city`}>City {n} (optional)</label>
        <input id={`${id}-city`} list={`${id}-cities`} value={props.value.city} disabled={!props.value.country} placeholder="any city" onChange={(e) => props.onChange({ ...props.value, city: e.target.value })} />
        <datalist id={`${id}-cities`}>
          {cities.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      {props.onRemove && (
        <div className="field fit">
          <button type="button" onClick={props.onRemove}>
            Remove location {n}
          </button>
        </div>
      )}
    </div>
  );
}

export function LocationFields(props: { locations: Location[]; countries: Country[]; onChange: (ls: Location[]) => void }) {
  const { locations, onChange } = props;
  return (
    <>
      {locations.map((l, i) => (
        <LocationRow
          key={i}
          index={i}
          value={l}
          countries={props.countries}
          onChange={(x) => onChange(locations.map((y, j) => (j === i ? x : y)))}
          onRemove={locations.length > 1 ? () => onChange(locations.filter((_, j) => j !== i)) : undefined}
        />
      ))}
      <button type="button" onClick={() => onChange([...locations, { country: '', city: '' }])}>
        Add location
      </button>
    </>
  );
}
