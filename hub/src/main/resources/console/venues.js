// Venue names for tickets and alarms, read from GET /api/v1/venues/{id} (scoped by the server).
// Kept for the life of the page: a list of twenty tickets in three venues asks three times.
import { api } from './api.js';
import { el } from './dom.js';

const names = new Map();

/** The venue's name, or null when it cannot be read (then the caller shows its number). */
export function venueName(id) {
  if (!names.has(id)) {
    names.set(id, api('GET', `/api/v1/venues/${id}`).then((v) => v.name ?? null).catch(() => {
      names.delete(id); // not kept: the next page asks again
      return null;
    }));
  }
  return names.get(id);
}

/** Names of several venues at once: Map id → name (or null). */
export async function venueNames(ids) {
  const unique = [...new Set(ids.filter((id) => id !== null && id !== undefined))];
  const found = await Promise.all(unique.map(venueName));
  return new Map(unique.map((id, i) => [id, found[i]]));
}

/** A link to the venue page, labelled with its name, or its number when the name is unknown. */
export function venueLink(id, name) {
  return el('a', { href: '#/venue/' + id, class: 'venue', 'data-venue': id, text: name ?? '#' + id });
}
