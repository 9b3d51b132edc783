import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';
import { z } from 'zod';

// The window's Content-Security-Policy forbids eval; without this zod would probe for it (new Function) on
// its first parse, which the CSP refuses and reports as a violation.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);
if (window.api) {
  root.render(
    <StrictMode>
      <App api={window.api} />
    </StrictMode>,
  );
} else {
  root.render(
    <p className="banner banner--error" role="alert">
      This page is the Deposit Assistant&apos;s window and needs the app around it. Start it with <code>npm start</code>.
    </p>,
  );
}
