/**
 * A group of checkboxes (or radio buttons) in a fieldset: its legend is the question, an error from the API sits
 * under it and is tied to the group (aria-describedby). Works without JavaScript: checked boxes are posted.
 */
export function ChoiceGroup({
  name,
  legend,
  hint,
  error,
  choices,
  checked,
  type = 'checkbox',
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  choices: { value: string; label: string }[];
  checked: ReadonlySet<string>;
  type?: 'checkbox' | 'radio';
}) {
  const id = `champ-${name}`;
  const describedBy = [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`choices${error ? ' field--error' : ''}`} id={id} aria-describedby={describedBy} tabIndex={-1}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-aide`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
      <ul className="choices__list">
        {choices.map((choice) => (
          <li key={choice.value} className="choices__item">
            <input type={type} id={`${id}-${choice.value}`} name={name} value={choice.value} defaultChecked={checked.has(choice.value)} />
            <label htmlFor={`${id}-${choice.value}`}>{choice.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
