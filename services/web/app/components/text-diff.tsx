import { diffWordsWithSpace } from 'diff';

export interface DiffField {
  label: string;
  before: string;
  after: string;
}

/** What the diff marks mean, in words (not colour alone): shown once above the diffs of a page. */
export function DiffLegend() {
  return (
    <p className="diff-legend">
      Légende des différences : <ins>texte ajouté</ins> (souligné, annoncé « ajout »), <del>texte retiré</del> (barré, annoncé « retrait »), le reste
      est inchangé.
    </p>
  );
}

/**
 * The difference between two versions of a fiche, field by field, word by word (the `diff` package): added words in
 * <ins>, removed ones in <del>, each also announced in words to screen readers. A field that did not change says so.
 */
export function TextDiff({ fields }: { fields: DiffField[] }) {
  return (
    <dl className="diff">
      {fields.map((field) => {
        const changes = diffWordsWithSpace(field.before, field.after);
        const changed = changes.some((change) => change.added || change.removed);
        return (
          <div key={field.label} className="diff__field">
            <dt>
              {field.label}
              {changed ? '' : ' (inchangé)'}
            </dt>
            <dd className="diff__text">
              {changes.map((change, index) =>
                change.added ? (
                  <ins key={index}>
                    <span className="visually-hidden">[ajout : </span>
                    {change.value}
                    <span className="visually-hidden">]</span>
                  </ins>
                ) : change.removed ? (
                  <del key={index}>
                    <span className="visually-hidden">[retrait : </span>
                    {change.value}
                    <span className="visually-hidden">]</span>
                  </del>
                ) : (
                  <span key={index}>{change.value}</span>
                ),
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A fiche's steps as one text to compare (each step's title, then its text). */
export const stepsText = (steps: ReadonlyArray<{ title: string; text: string }>) =>
  steps.map((step, i) => `${i + 1}. ${step.title}\n${step.text}`).join('\n\n');
