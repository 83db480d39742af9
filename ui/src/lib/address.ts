// A delivery address as the detail shows it: one line to copy, and the map links (the shell
// opens external links with the system's opener; a plain browser follows them).
import type { Address } from '../bindings/Address';

export function addressLine(a: Address): string {
  return [a.line1, a.line2, a.city, a.region, a.postal_code, a.country]
    .map((p) => (p ?? '').trim())
    .filter((p) => p !== '')
    .join(', ');
}

/** OpenStreetMap's search for the address, in the browser. */
export function osmHref(a: Address): string {
  return `https://www.openstreetmap.org/search?query=${encodeURIComponent(addressLine(a))}`;
}

/** A geo: URI for the system's map app: coordinates when known, else the address as a query. */
export function geoHref(a: Address): string {
  if (a.lat !== null && a.lng !== null) return `geo:${a.lat},${a.lng}?q=${a.lat},${a.lng}`;
  return `geo:0,0?q=${encodeURIComponent(addressLine(a))}`;
}
