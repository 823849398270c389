import { api, ApiError } from './api.js';
import { t } from './i18n.js';
import { el, show, when } from './dom.js';
import { hazardLabel } from './hazards.js';
import { venueLink, venueName, venueNames } from './venues.js';

const STATES = ['OPEN', 'DISPATCHED', 'RECTIFYING', 'SUBMITTED', 'CLOSED', 'CANCELLED'];
const SEVERITIES = ['critical', 'major', 'minor'];
const filters = { tab: 'mine', state: '', severity: '', overdue: false };

function options(values, label) {
  return [el('option', { value: '', text: t('tickets.any') }), ...values.map((v) => el('option', { value: v, text: t(label + v) }))];
}

export async function ticketList(view, me) {
  const query = new URLSearchParams();
  if (filters.tab === 'mine') query.set('assignee', 'me');
  if (filters.state) query.set('state', filters.state);
  if (filters.severity) query.set('severity', filters.severity);
  if (filters.overdue) query.set('overdue', 'true');
  const tickets = await api('GET', '/api/v1/tickets?' + query);
  const venues = await venueNames(tickets.map((k) => k.venueId));
  const rerender = () => ticketList(view, me);
  const tab = (name) => el('button', { type: 'button', 'aria-pressed': String(filters.tab === name), id: 'tab-' + name,
    text: t('tickets.' + name), onclick: () => { filters.tab = name; rerender(); } });
  const state = el('select', { id: 'filter-state', onchange: (e) => { filters.state = e.target.value; rerender(); } }, options(STATES, 'state.'));
  state.value = filters.state;
  const severity = el('select', { id: 'filter-severity', onchange: (e) => { filters.severity = e.target.value; rerender(); } }, options(SEVERITIES, 'sev.'));
  severity.value = filters.severity;
  const overdue = el('input', { type: 'checkbox', id: 'filter-overdue', checked: filters.overdue,
    onchange: (e) => { filters.overdue = e.target.checked; rerender(); } });
  show(view,
    el('div', { class: 'tabs' }, tab('mine'), tab('grid')),
    el('div', { class: 'filters' },
      el('label', {}, el('span', { text: t('tickets.state') }), state),
      el('label', {}, el('span', { text: t('tickets.severity') }), severity),
      el('label', {}, overdue, ' ', t('tickets.overdue'))),
    tickets.length === 0 ? el('p', { id: 'empty', text: t('tickets.empty') })
      : el('ul', { class: 'cards', id: 'tickets' }, tickets.map((k) => el('li', { 'data-ticket': k.id },
        el('a', { href: '#/ticket/' + k.id },
          el('strong', { text: `#${k.id} ${hazardLabel(k.hazard)}` }), el('br'),
          el('span', { class: 'badge ' + k.severity, text: t('sev.' + k.severity) }),
          el('span', { class: 'badge state', text: t('state.' + k.state) }),
          k.overdue ? el('span', { class: 'badge overdue', text: t('overdue') }) : null,
          el('small', { text: `${t('ticket.deadline')}: ${when(k.deadline)}` })),
        // Outside the ticket's link: one link may not hold another.
        el('div', {}, venueLink(k.venueId, venues.get(k.venueId)))))));
}

/** The steps to offer: the server decides for real and its refusal message is shown. */
function steps(ticket, me) {
  const manager = me.role === 'admin' || me.role === 'supervisor';
  const assignee = ticket.assigneeId === me.id;
  const offered = [];
  if (ticket.state === 'OPEN' && (manager || me.role === 'grid_worker')) offered.push(['dispatch', 'DISPATCHED']);
  if (ticket.state === 'DISPATCHED' && assignee) offered.push(['accept', 'RECTIFYING']);
  if (ticket.state === 'RECTIFYING' && (assignee || me.role === 'venue_owner')) offered.push(['submit', 'SUBMITTED']);
  if (ticket.state === 'SUBMITTED' && manager && !assignee) offered.push(['verify', 'CLOSED'], ['reject', 'RECTIFYING']);
  if (manager && !['CLOSED', 'CANCELLED'].includes(ticket.state)) offered.push(['cancel', 'CANCELLED']);
  return offered;
}

async function evidence(id) {
  try {
    return await api('GET', `/api/v1/tickets/${id}/evidence`);
  } catch (e) {
    // The ticket itself was just read, so a 404 or 405 here means this hub has no evidence API.
    if (e.status === 404 || e.status === 405) return [];
    throw e;
  }
}

export async function ticketPage(view, me, id) {
  if (!/^\d+$/.test(id)) throw new ApiError(404, 'not_found', 'not found');
  const ticket = await api('GET', `/api/v1/tickets/${id}`);
  const [history, photos, venue] = await Promise.all([api('GET', `/api/v1/tickets/${id}/history`), evidence(id),
    venueName(ticket.venueId)]);
  const message = el('p', { id: 'step-message', class: 'status', role: 'status' });
  const note = el('textarea', { id: 'note', rows: 2 });
  const offered = steps(ticket, me);
  const dispatching = offered.some(([s]) => s === 'dispatch');
  // A person to pick by name; the server lists exactly those who may work this venue.
  const candidates = dispatching ? await api('GET', `/api/v1/tickets/${id}/assignees`) : [];
  const assignee = el('select', { id: 'assignee' }, el('option', { value: '', text: t('ticket.choose') }),
    candidates.map((p) => el('option', { value: p.id, 'data-username': p.username,
      text: `${p.displayName || p.username} · ${t('role.' + p.role)}` })));
  const deadline = el('input', { id: 'deadline', type: 'datetime-local' });
  const photo = el('input', { id: 'photo', type: 'file', accept: 'image/jpeg,image/png', capture: 'environment' });
  const act = async (to) => {
    message.textContent = '';
    try {
      if (to === 'SUBMITTED' && photo.files.length > 0) {
        const file = photo.files[0];
        await api('POST', `/api/v1/tickets/${id}/evidence?note=${encodeURIComponent(note.value)}`, file, file.type);
      }
      const body = { to, version: ticket.version };
      if (note.value) body.note = note.value;
      if (assignee.value) body.assignee = Number(assignee.value);
      if (deadline.value) body.deadline = new Date(deadline.value).toISOString();
      await api('POST', `/api/v1/tickets/${id}/transitions`, body);
      await ticketPage(view, me, id);
      document.getElementById('step-message').textContent = t('done');
    } catch (e) {
      message.className = 'error';
      message.textContent = e.message;
    }
  };
  const fact = (key, value) => [el('dt', { text: t(key) }), el('dd', {}, value)];
  show(view,
    el('h1', { id: 'ticket-title', 'data-hazard': ticket.hazard, text: `${t('ticket.title')} #${ticket.id} · ${hazardLabel(ticket.hazard)}` }),
    el('dl', { class: 'facts' },
      fact('tickets.state', el('span', { id: 'ticket-state', 'data-state': ticket.state, text: t('state.' + ticket.state) })),
      fact('tickets.severity', t('sev.' + ticket.severity)),
      fact('ticket.venue', venueLink(ticket.venueId, venue)),
      fact('ticket.device', ticket.deviceId ?? '–'),
      fact('ticket.assignedTo', ticket.assignee ?? '–'),
      fact('ticket.deadline', when(ticket.deadline) + (ticket.overdue ? ' · ' + t('overdue') : '')),
      fact('ticket.verifyBy', when(ticket.verifyBy)),
      fact('ticket.occurrences', String(ticket.occurrences)),
      fact('ticket.created', when(ticket.createdAt))),
    offered.length === 0 ? null : el('section', { id: 'actions' },
      el('label', {}, el('span', { text: t('ticket.note') }), note),
      dispatching ? [
        el('label', {}, el('span', { text: t('ticket.assignee') }), assignee),
        el('label', {}, el('span', { text: t('ticket.deadline') }), deadline)] : null,
      offered.some(([s]) => s === 'submit') ? el('label', {}, el('span', { text: t('ticket.photo') }), photo) : null,
      offered.map(([step, to]) => el('button', { type: 'button', id: 'step-' + step, 'data-to': to,
        class: step === 'cancel' || step === 'reject' ? 'secondary' : null, text: t('step.' + step), onclick: () => act(to) }))),
    message,
    photos.length === 0 ? null : el('section', { class: 'photos' }, el('h2', { text: t('ticket.photos') }),
      photos.map((p) => el('img', { src: `/api/v1/tickets/${id}/evidence/${p.id}`, alt: p.note ?? '', loading: 'lazy' }))),
    el('h2', { text: t('ticket.history') }),
    el('ul', { class: 'cards', id: 'history' }, history.map((h) => el('li', {},
      el('small', { text: when(h.at) }), ' ', el('strong', { text: h.action }), ' ',
      h.to ? t('state.' + h.to) : '', ' · ', h.actor ?? h.actorRole ?? '', h.note ? el('div', { text: h.note }) : null))));
}
