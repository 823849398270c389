import { api, forgetCsrf } from './api.js';
import { applyLanguage } from './i18n.js';
import { ticketList, ticketPage } from './tickets.js';
import { venuePage, feedPage, figuresPage } from './pages.js';

const view = document.getElementById('view');
const error = document.getElementById('error');
let me = null;

async function route() {
  error.textContent = '';
  const [, page, id] = (location.hash || '#/tickets').split('/');
  try {
    if (page === 'ticket' && id) await ticketPage(view, me, id);
    else if (page === 'venue' && id) await venuePage(view, me, id);
    else if (page === 'feed') feedPage(view);
    else if (page === 'figures') await figuresPage(view);
    else await ticketList(view, me);
  } catch (e) {
    error.textContent = e.message;
  }
}

async function start() {
  applyLanguage(route);
  me = await api('GET', '/api/v1/me');
  document.getElementById('who').textContent = `${me.username} (${me.role})`;
  document.getElementById('logout').onclick = async () => {
    try { await api('POST', '/api/v1/logout'); } finally { forgetCsrf(); location.href = '/console/login.html'; }
  };
  addEventListener('hashchange', route);
  await route();
}

start().catch((e) => { error.textContent = e.message; });
