import { api, forgetCsrf } from './api.js';
import { applyLanguage, t } from './i18n.js';
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
    view.replaceChildren(); // never leave the previous page standing under another page's error
    // Out of scope and missing look alike on purpose (the server answers both with not_found).
    error.textContent = e.code === 'not_found' ? t('error.not_found') : e.message;
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
