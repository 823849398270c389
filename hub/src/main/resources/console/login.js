import { api, rememberCsrf } from './api.js';
import { applyLanguage, t } from './i18n.js';

applyLanguage();
const form = document.getElementById('login');
const error = document.getElementById('error');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  try {
    const answer = await api('POST', '/api/v1/login', {
      username: document.getElementById('username').value,
      password: document.getElementById('password').value,
      session: 'cookie',
    });
    rememberCsrf(answer.csrfToken);
    sessionStorage.setItem('firehub.user', JSON.stringify(answer.user));
    location.href = '/console/';
  } catch (e) {
    error.textContent = `${t('login.failed')}: ${e.message}`;
  }
});
