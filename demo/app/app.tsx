import { useEffect, useState } from 'react';
import { Inspector } from './inspector.js';
import { LoginPage } from './login-page.js';
import { TasksPage } from './tasks-page.js';
import { WorkerUpdateNotice } from './worker-update-notice.js';

export function App() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return (
    <div className="layout">
      <main>
        <p className="brand">
          bearer-worker demo · the page calls the API with plain fetch; a service worker adds the token
        </p>
        <WorkerUpdateNotice />
        {path === '/login' ? <LoginPage /> : <TasksPage />}
      </main>
      <Inspector />
    </div>
  );
}
