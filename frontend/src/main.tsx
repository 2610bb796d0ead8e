import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface Health {
  status: string;
  database: { ok: boolean; type: string };
  redis: { ok: boolean };
}

function App() {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    fetch('/api/health')
      .then((r) => r.json() as Promise<Health>)
      .then(setHealth)
      .catch(() => setHealth(null));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '4rem auto', lineHeight: 1.5 }}>
      <h1>Cyber TTX</h1>
      <p>The exercise platform is running. The API is documented at <a href="/api/docs">/api/docs</a>.</p>
      <p data-testid="health">
        Platform status: {health ? `${health.status} (database ${health.database.ok ? 'ok' : 'down'}, Redis ${health.redis.ok ? 'ok' : 'down'})` : 'checking…'}
      </p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
