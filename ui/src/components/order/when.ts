// Times on the order page, in the store's time zone and the owner's language: "hace 5 min"
// (against the ticking clock) and the full date and time.
import { lang } from '../../i18n/index.svelte';
import { when } from '../../lib/history';
import { formatDateTime } from '../../lib/time';
import { clock } from '../../state/clock.svelte';
import { shop } from '../../state/shop.svelte';

export function at(iso: string): string {
  return when(iso, clock.now, shop.store?.timezone ?? 'UTC', lang());
}

export function whenFull(iso: string): string {
  return formatDateTime(iso, shop.store?.timezone, lang());
}
