import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sessionTokenStore } from './api/token';
import { App } from './App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App tokens={sessionTokenStore()} />
  </StrictMode>,
);
