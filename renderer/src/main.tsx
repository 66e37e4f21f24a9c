// Renderer entry: connects to the host (Electron preload or web-mode socket) and mounts the UI.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHost } from './api/connect';
import { App } from './App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App host={connectToHost()} />
  </StrictMode>,
);
