import type { CommuneChoicesFragment, EventKind } from '../../graphql/generated/graphql';
import { EVENT_KIND_LABELS } from '../../lib/event-labels';
import { THEME_LABELS } from '../../lib/guide-labels';
import { ChoiceGroup } from '../choice-group';
import { CommuneSelect } from '../commune-select';
import { ReminderOffsetsField } from '../reminder-offsets-field';
import { TextField, type FormResultView } from '../form-fields';

/** What the event and series forms show: the values kept after a refusal, else the saved ones. */
export type FieldValues = Record<string, string>;

export const EVENT_FIELD_LABELS: Record<string, string> = {
  title: 'Titre',
  kind: 'Type de rendez-vous',
  themes: 'Thèmes',
  skillIds: 'Compétences travaillées',
  startDate: 'Date de début',
  startTime: 'Heure de début',
  endDate: 'Date de fin',
  endTime: 'Heure de fin',
  venueName: 'Lieu',
  address: 'Adresse',
  communeCode: 'Commune',
  onlineUrl: 'Lien pour participer en ligne',
  capacity: 'Nombre de places',
  reminderOffsetsHours: 'Rappels par e-mail',
  description: 'Présentation',
  reason: 'Motif',
  frequency: 'Fréquence',
  rank: 'Semaine du mois',
  day: 'Jour',
  durationMinutes: 'Durée',
  rrule: 'Récurrence',
};

/** The error of one field, tied to it. */
export function FieldError({ name, result }: { name: string; result?: FormResultView }) {
  const error = result?.fieldErrors[name];
  return error ? (
    <p className="field__error" id={`champ-${name}-erreur`}>
      {error}
    </p>
  ) : null;
}

const describedBy = (name: string, result?: FormResultView, hint?: boolean) =>
  [hint ? `champ-${name}-aide` : null, result?.fieldErrors[name] ? `champ-${name}-erreur` : null].filter(Boolean).join(' ') || undefined;

export function KindSelect({ result, values }: { result?: FormResultView; values: FieldValues }) {
  const error = result?.fieldErrors.kind;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor="champ-kind">
        {EVENT_FIELD_LABELS.kind}
        <span className="field__required"> (obligatoire)</span>
      </label>
      <FieldError name="kind" result={result} />
      <select
        id="champ-kind"
        name="kind"
        required
        defaultValue={values.kind ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy('kind', result)}
      >
        <option value="" disabled>
          Choisissez
        </option>
        {(Object.entries(EVENT_KIND_LABELS) as [EventKind, string][]).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ThemesField({ result, checked }: { result?: FormResultView; checked: ReadonlySet<string> }) {
  return (
    <ChoiceGroup
      name="themes"
      legend={EVENT_FIELD_LABELS.themes!}
      error={result?.fieldErrors.themes}
      checked={checked}
      choices={Object.entries(THEME_LABELS).map(([value, label]) => ({ value, label }))}
    />
  );
}

/**
 * The skills an atelier or a formation develops: the ones offered, and the archived ones the event already has (they
 * may stay, not come back once unticked).
 */
export function SkillsField({
  result,
  skills,
  checked,
}: {
  result?: FormResultView;
  skills: { id: string; name: string; archived: boolean }[];
  checked: ReadonlySet<string>;
}) {
  if (!skills.length) return null;
  return (
    <ChoiceGroup
      name="skillIds"
      legend={EVENT_FIELD_LABELS.skillIds!}
      hint="Pour les ateliers et les formations seulement : ce que les participant·es y apprennent."
      error={result?.fieldErrors.skillIds}
      checked={checked}
      choices={skills.map((skill) => ({ value: skill.id, label: skill.archived ? `${skill.name} (archivée)` : skill.name }))}
    />
  );
}

export function DateOrTimeField({
  name,
  type,
  result,
  values,
  hint,
  required = true,
}: {
  name: string;
  type: 'date' | 'time';
  result?: FormResultView;
  values: FieldValues;
  hint?: string;
  required?: boolean;
}) {
  const id = `champ-${name}`;
  const error = result?.fieldErrors[name];
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {EVENT_FIELD_LABELS[name]}
        {required ? <span className="field__required"> (obligatoire)</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-aide`}>
          {hint}
        </p>
      ) : null}
      <FieldError name={name} result={result} />
      <input
        id={id}
        name={name}
        type={type}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, result, Boolean(hint))}
        defaultValue={values[name] ?? ''}
      />
    </div>
  );
}

/** Place (name, address, commune), online link, places, the reminders (from `reminderChoices`), the presentation. */
export function PlaceAndDetailsFields({
  result,
  values,
  territories,
  reminderChoices,
}: {
  result?: FormResultView;
  values: FieldValues;
  territories: CommuneChoicesFragment[];
  reminderChoices: readonly number[];
}) {
  const communeError = result?.fieldErrors.communeCode;
  const descriptionError = result?.fieldErrors.description;
  return (
    <>
      <fieldset className="staff-fieldset">
        <legend>Où</legend>
        <p className="field__hint">Un lieu, un lien pour participer en ligne, ou les deux.</p>
        <TextField
          name="venueName"
          label={EVENT_FIELD_LABELS.venueName!}
          maxLength={120}
          result={result}
          defaultValue={values.venueName}
          hint="Le nom du lieu (laisser vide pour un rendez-vous en ligne)"
        />
        <TextField name="address" label={EVENT_FIELD_LABELS.address!} maxLength={200} result={result} defaultValue={values.address} />
        <div className={`field${communeError ? ' field--error' : ''}`}>
          <label htmlFor="champ-communeCode">{EVENT_FIELD_LABELS.communeCode}</label>
          <FieldError name="communeCode" result={result} />
          <CommuneSelect
            territories={territories}
            name="communeCode"
            id="champ-communeCode"
            defaultValue={values.communeCode}
            emptyLabel="Choisissez la commune du lieu"
            invalid={Boolean(communeError)}
            describedBy={describedBy('communeCode', result)}
          />
        </div>
        <TextField
          name="onlineUrl"
          label={EVENT_FIELD_LABELS.onlineUrl!}
          maxLength={500}
          result={result}
          defaultValue={values.onlineUrl}
          hint="https://…"
        />
      </fieldset>
      <TextField
        name="capacity"
        label={EVENT_FIELD_LABELS.capacity!}
        maxLength={6}
        result={result}
        defaultValue={values.capacity}
        hint="Laisser vide : places illimitées. Au-delà, une liste d’attente."
      />
      <ReminderOffsetsField choices={reminderChoices} value={values.reminderOffsetsHours} error={result?.fieldErrors.reminderOffsetsHours} />
      <div className={`field${descriptionError ? ' field--error' : ''}`}>
        <label htmlFor="champ-description">{EVENT_FIELD_LABELS.description}</label>
        <FieldError name="description" result={result} />
        <textarea
          id="champ-description"
          name="description"
          rows={8}
          defaultValue={values.description ?? ''}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={describedBy('description', result)}
        />
      </div>
    </>
  );
}
