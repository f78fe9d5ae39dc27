// The page of the auth-origin spec: the bridge with the worker built with `authOrigin`. No app around it,
// so the spec sees exactly what the bridge and the worker do.
import { registerBearerWorker } from 'bearer-worker';

const bearerWorker = registerBearerWorker({
  apiOrigins: [__DEMO_API_ORIGIN__],
  scriptUrl: '/sw-auth-origin.js',
  loginUrl: '/blank.html',
  // What the worker said, for the spec to read after the redirect.
  onSignedOut: ({ reason }) => sessionStorage.setItem('signed-out', reason),
});
(window as unknown as { bearerWorker: typeof bearerWorker }).bearerWorker = bearerWorker;
