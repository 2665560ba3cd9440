import type { CommuneChoicesFragment } from '../graphql/generated/graphql';
import { FieldFrame } from './form-fields';

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/**
 * A commune picker without JavaScript: a native select of the Métropole's communes grouped by territory (the 11 EPT
 * and Paris), in French alphabetical order. Keyboard users type the first letters to jump to a commune.
 */
export function CommuneSelect({
  territories,
  name,
  id,
  defaultValue,
  emptyLabel,
  required,
  describedBy,
  invalid,
}: {
  territories: CommuneChoicesFragment[];
  name: string;
  id: string;
  defaultValue?: string;
  emptyLabel: string;
  required?: boolean;
  describedBy?: string;
  invalid?: boolean;
}) {
  const groups = [...territories].sort((a, b) => collator.compare(a.name, b.name));
  return (
    <select
      id={id}
      name={name}
      defaultValue={defaultValue ?? ''}
      required={required}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
    >
      <option value="">{emptyLabel}</option>
      {groups.map((territory) => (
        <optgroup key={territory.code} label={territory.name}>
          {[...territory.communes]
            .sort((a, b) => collator.compare(a.name, b.name))
            .map((commune) => (
              <option key={commune.code} value={commune.code}>
                {commune.name}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

/**
 * A form field around the commune picker: its label (with « (obligatoire) » when required), an optional hint, and the
 * error next to it, all tied to the select (`aria-describedby`), as `TextField` does for text inputs.
 */
export function CommuneField({
  territories,
  name,
  label,
  emptyLabel,
  defaultValue,
  error,
  hint,
  required,
}: {
  territories: CommuneChoicesFragment[];
  name: string;
  label: string;
  emptyLabel: string;
  defaultValue?: string;
  error?: string;
  hint?: string;
  required?: boolean;
}) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={error}>
      {(control) => (
        <CommuneSelect
          territories={territories}
          name={name}
          id={control.id}
          defaultValue={defaultValue}
          emptyLabel={emptyLabel}
          required={required}
          invalid={control.invalid}
          describedBy={control.describedBy}
        />
      )}
    </FieldFrame>
  );
}
