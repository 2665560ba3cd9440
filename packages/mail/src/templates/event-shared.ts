import type { Block } from '../layout';
import { requireParam, type TemplateInput } from '../template-input';

/** The event page on the platform: `${PUBLIC_URL}/evenements/<eventId>`. */
export function eventUrl(input: TemplateInput): string {
  return `${input.publicUrl.replace(/\/+$/, '')}/evenements/${encodeURIComponent(requireParam(input, 'eventId'))}`;
}

/**
 * "Quand : …", "Où : …" and "En ligne : …" lines (params `when`, required; `place` — the venue's name, address and
 * commune — and `onlineUrl`, optional: an event may have both).
 */
export function eventFacts(input: TemplateInput): Block[] {
  const when = requireParam(input, 'when');
  const place = input.params.place?.trim();
  const online = input.params.onlineUrl?.trim();
  return [
    { kind: 'paragraph', text: `Quand : ${when}` },
    ...(place ? [{ kind: 'paragraph' as const, text: `Où : ${place}` }] : []),
    ...(online ? [{ kind: 'line' as const, parts: ['En ligne : ', { label: "rejoindre l'événement en ligne", url: online }] }] : []),
  ];
}

/** The note on the attached .ics (param `ics` = 'oui' when the e-mail carries one). */
export function calendarNote(input: TemplateInput, text: string): Block[] {
  return input.params.ics === 'oui' ? [{ kind: 'note', text }] : [];
}
