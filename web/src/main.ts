import { createApp } from 'vue';
import App from './App.vue';
import { whenSignedOut } from './api/client.js';
import { registerServiceWorker } from './offline/register.js';
import UpdateNotice from './offline/UpdateNotice.vue';
import { createAppRouter } from './router.js';
import { sessionEnded } from './session/session.js';
import './styles/base.css';
import './styles/print.css';

const router = createAppRouter();
// A call answered 401: the session ended under her. To the sign-in page, and back here once signed in.
whenSignedOut(() => {
  if (!sessionEnded()) return;
  const here = router.currentRoute.value;
  if (!here.meta.public) void router.replace({ name: 'sign-in', query: { next: here.fullPath } });
});
createApp(App).use(router).mount('#app');
// Apart from the app's tree: the offer to reload into a new build stands over whichever screen is open.
createApp(UpdateNotice).mount(document.body.appendChild(document.createElement('div')));
// The built app only (`import.meta.hot` exists only on the dev server, whose modules are not files a worker could keep).
// Not `import.meta.env.PROD`: a build made under NODE_ENV=test, as the browser tests make it, is still the real app.
if (!import.meta.hot) registerServiceWorker(navigator.serviceWorker);
