/** What the app wires of the commanders' web app (issue 17): its HTTP door, its API on the use cases, /dashboard. */
export { createAppApi } from './app-api';
export { APP_PATH, type AppRequestHandler, createAppHttpHandler, findStaticDir } from './app-http';
export { dashboardFeature } from './dashboard-chat';
