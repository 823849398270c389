import { api, ApiError } from './api.js';
import { lang, t } from './i18n.js';
import { el, show, when } from './dom.js';
import { hazardLabel } from './hazards.js';
import { venueLink, venueName } from './venues.js';
import uPlot from './vendor/uplot/uPlot.esm.js';

let feed = null;

function closeFeed() {
  if (feed) { feed.close(); feed = null; }
}

export async function venuePage(view, me, id) {
  closeFeed();
  if (!/^\d+$/.test(id)) throw new ApiError(404, 'not_found', 'not found');
  const [venue, risk, devices, alarms] = await Promise.all([
    api('GET', `/api/v1/venues/${id}`),
    api('GET', `/api/v1/venues/${id}/risk`).catch(() => null),
    api('GET', `/api/v1/devices?venueId=${id}`).catch(() => []),
    api('GET', `/api/v1/alarms?venueId=${id}&limit=50`).catch(() => [])]);
  const chart = el('div', { class: 'chart', id: 'chart' });
  const device = el('select', { id: 'chart-device' }, devices.map((d) => el('option', { value: d.deviceId, text: `${d.deviceId} (${d.kind})` })));
  const field = el('input', { id: 'chart-field', value: 'temperature' });
  const draw = async () => {
    chart.replaceChildren();
    if (!device.value || !field.value) return;
    const r = await api('GET', `/api/v1/devices/${encodeURIComponent(device.value)}/readings?field=${encodeURIComponent(field.value)}`);
    if (r.times.length === 0) { chart.append(el('p', { text: t('venue.nodata') })); return; }
    new uPlot({ width: Math.min(view.clientWidth || 340, 900), height: 220,
      series: [{}, { label: r.field, stroke: '#b3261e' }] }, [r.times.map((ms) => ms / 1000), r.values], chart);
  };
  show(view,
    el('h1', { id: 'venue-title', text: `${t('venue.title')} · ${venue.name ?? id}` }),
    el('p', { text: [venue.address, venue.grid].filter(Boolean).join(' · ') }),
    risk ? el('section', { id: 'venue-level', class: 'level level-' + risk.level, 'data-level': risk.level },
      el('h2', {}, el('span', { class: 'badge level-' + risk.level, text: t('level.' + risk.level) }), t('venue.level')),
      el('ul', { class: 'reasons' }, risk.reasons.map((r) => el('li', { text: lang() === 'en' ? r.en : r.zh })))) : null,
    el('h2', { text: t('venue.devices') }),
    el('ul', { class: 'cards', id: 'devices' }, devices.map((d) => el('li', { text: `${d.deviceId} · ${d.kind}` }))),
    el('h2', { text: t('venue.alarms') }),
    el('ul', { class: 'cards', id: 'alarms' }, alarms.map((a) => el('li', {},
      el('span', { class: 'badge ' + a.severity, text: a.severity }), `${hazardLabel(a.hazard)} · ${a.deviceId ?? ''} · ${when(a.raisedAt)}`))),
    el('h2', { text: t('venue.chart') }),
    el('div', { class: 'filters' },
      el('label', {}, el('span', { text: t('venue.devices') }), device),
      el('label', {}, el('span', { text: t('venue.field') }), field)),
    el('button', { type: 'button', id: 'chart-show', text: t('venue.show'), onclick: () => draw().catch((e) => chart.replaceChildren(el('p', { class: 'error', text: e.message }))) }),
    chart);
}

export function feedPage(view) {
  closeFeed();
  const status = el('p', { id: 'feed-status', text: t('feed.waiting') });
  const list = el('ul', { class: 'cards', id: 'feed' });
  show(view, el('h1', { text: t('feed.title') }), status, list);
  // The cookie goes with an EventSource of the same origin: no token in the URL.
  feed = new EventSource('/api/v1/alarms/stream');
  feed.onopen = () => { status.textContent = t('feed.connected'); };
  const add = (event) => {
    let alarm;
    try { alarm = JSON.parse(event.data); } catch { return; }
    const a = alarm.alarm ?? alarm;
    // The alarm shows at once with the venue's number; its name replaces it when read.
    const link = a.venueId === undefined || a.venueId === null ? '' : venueLink(a.venueId, null);
    if (link) venueName(a.venueId).then((name) => { if (name) link.textContent = name; });
    list.prepend(el('li', { 'data-alarm': a.id },
      el('span', { class: 'badge ' + (a.severity ?? ''), text: event.type.replace('alarm.', '') }),
      `${hazardLabel(a.hazard)} · ${a.deviceId ?? ''} · `, link,
      ` · ${when(a.raisedAt ?? a.at)}`));
  };
  feed.onmessage = add;
  for (const type of ['alarm.raised', 'alarm.cleared', 'alarm.acknowledged', 'alarm.commented']) feed.addEventListener(type, add);
  addEventListener('hashchange', closeFeed, { once: true });
}

const FIGURE_COLUMNS = [
  ['figures.grid', (r) => r.group ?? '∑'],
  ['figures.opened', (r) => r.opened],
  ['figures.closed', (r) => r.closed],
  ['figures.cancelled', (r) => r.cancelled],
  ['figures.rate', (r) => (r.closureRate === null || r.closureRate === undefined ? '–' : `${Math.round(r.closureRate * 100)}%`)],
  ['figures.median', (r) => r.timeToClose?.medianHours ?? '–'],
  ['figures.overdue', (r) => r.overdueNow],
  ['figures.escalated', (r) => r.escalated],
];

export async function figuresPage(view) {
  closeFeed();
  const figures = await api('GET', '/api/v1/figures/tickets?by=grid');
  const rows = [...(figures.rows ?? []), ...(figures.total ? [figures.total] : [])];
  show(view,
    el('h1', { text: t('figures.title') }),
    el('p', { text: `${when(figures.from)} – ${when(figures.to)}` }),
    el('p', {}, el('a', { href: '/api/v1/figures/tickets?by=grid&format=csv', download: 'figures.csv', id: 'figures-csv', text: t('figures.csv') })),
    el('div', { class: 'chart' }, el('table', { id: 'figures' },
      el('thead', {}, el('tr', {}, FIGURE_COLUMNS.map(([key]) => el('th', { text: t(key) })))),
      el('tbody', {}, rows.map((r) => el('tr', { 'data-group': r.group ?? '' },
        FIGURE_COLUMNS.map(([, value]) => el('td', { text: String(value(r) ?? '–') }))))))));
}
