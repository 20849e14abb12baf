import { createRouter, createWebHistory, type Router, type RouterHistory } from 'vue-router';
import LessonsPage from './lessons/LessonsPage.vue';
import { nextAfterSignIn } from './session/next-page.js';
import SignInPage from './session/SignInPage.vue';
import { loadSession, session } from './session/session.js';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Shown without signing in. */
    public?: boolean;
  }
}

/**
 * The screens and their addresses. Every address can be bookmarked or
 * reloaded: the server answers client routes with index.html. The lesson's
 * own pages load on demand, so the first screen downloads only what it shows.
 * Every screen but signing in and the first-start setup needs a session: the
 * others send her to the sign-in page and, once signed in, back where she was.
 *
 * @example
 * createApp(App).use(createAppRouter()).mount('#app');
 */
export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({
    history,
    routes: [
      { path: '/sign-in', name: 'sign-in', component: SignInPage, meta: { title: '登录', public: true } },
      { path: '/setup', name: 'setup', component: () => import('./session/SetupPage.vue'), meta: { title: '创建管理员', public: true } },
      { path: '/', name: 'lessons', component: LessonsPage, meta: { title: '我的备课' } },
      {
        path: '/lessons/:id',
        component: () => import('./lessons/LessonLayout.vue'),
        props: true,
        children: [
          // No tab named: the tab this person came for (an observer's is 观课), decided once the lesson is read.
          { path: '', name: 'lesson', component: () => import('./lessons/LessonLanding.vue') },
          { path: 'materials', name: 'materials', component: () => import('./materials/MaterialsPage.vue'), meta: { title: '材料' } },
          { path: 'run', name: 'run', component: () => import('./run/RunPage.vue'), meta: { title: '生成' } },
          { path: 'plan', name: 'plan', component: () => import('./plan/PlanPage.vue'), meta: { title: '教学设计' } },
          { path: 'sheets', name: 'sheets', component: () => import('./outputs/SheetsPage.vue'), meta: { title: '三单' } },
          { path: 'deck', name: 'deck', component: () => import('./outputs/DeckPage.vue'), meta: { title: '课件' } },
          { path: 'video', name: 'video', component: () => import('./outputs/VideoPage.vue'), meta: { title: '视频提纲' } },
          { path: 'review', name: 'review', component: () => import('./review/ReviewPage.vue'), meta: { title: '研讨' } },
          { path: 'observe', name: 'observe', component: () => import('./observe/ObserveStartPage.vue'), meta: { title: '观课' } },
          { path: 'report', name: 'report', component: () => import('./report/ReportPage.vue'), meta: { title: '评课报告' } },
        ],
      },
      // The observer's tablet screen: outside the lesson's tabs, so the whole screen is hers.
      {
        path: '/observations/:id/record',
        name: 'observe-record',
        component: () => import('./observe/RecorderPage.vue'),
        props: true,
        meta: { title: '观课记录' },
      },
      // Accounts: the admin's users and 教研组 (the pages say so to anyone else), and everyone's own password and API tokens.
      { path: '/admin/users', name: 'admin-users', component: () => import('./admin/UsersPage.vue'), meta: { title: '用户管理' } },
      { path: '/admin/groups', name: 'admin-groups', component: () => import('./admin/GroupsPage.vue'), meta: { title: '教研组管理' } },
      // The school's 课标 library: everyone signed in reads it, the admin adds and removes (the pages follow the service).
      { path: '/standards', name: 'standards', component: () => import('./standards/StandardsPage.vue'), meta: { title: '课标库' } },
      {
        path: '/standards/:id',
        name: 'standard',
        component: () => import('./standards/StandardPage.vue'),
        props: true,
        meta: { title: '课标条目' },
      },
      { path: '/account', name: 'account', component: () => import('./admin/AccountPage.vue'), meta: { title: '我的账号' } },
      { path: '/:rest(.*)*', name: 'missing', component: () => import('./ui/MissingPage.vue'), meta: { title: '找不到页面' } },
    ],
  });
  router.beforeEach(async (to) => {
    if (!session.known) await loadSession().catch(() => {});
    if (to.meta.public) return to.name === 'sign-in' && session.user ? nextAfterSignIn(to.query.next) : true;
    if (!session.user) return { name: 'sign-in', query: to.fullPath === '/' ? {} : { next: to.fullPath } };
    return true;
  });
  return router;
}
