import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

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
