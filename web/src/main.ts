import { createApp } from 'vue';
import App from './App.vue';
import { whenSignedOut } from './api/client.js';
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
