import type { Block } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';

/** The event page on the platform: `${PUBLIC_URL}/evenements/<eventId>`. */
export function eventUrl(input: TemplateInput): string {
  return `${input.publicUrl.replace(/\/+$/, '')}/evenements/${encodeURIComponent(requireParam(input, 'eventId'))}`;
}

/** "Quand : …" and "Où : …" lines (params `when`, required, and `place`, optional). */
export function eventFacts(input: TemplateInput): Block[] {
  const when = requireParam(input, 'when');
  const place = input.params.place?.trim();
  return [
    { kind: 'paragraph', text: `Quand : ${when}` },
    ...(place ? [{ kind: 'paragraph' as const, text: `Où : ${place}` }] : []),
  ];
}
