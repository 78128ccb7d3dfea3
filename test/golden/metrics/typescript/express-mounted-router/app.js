// src/app.js: mounts the API router (src/routes/index.js) under /api.
import express from 'express';
import api from './routes/index.js';

export function createApp() {
  const app = express();
  app.use(express.json());
  app.use('/api', api);
  return app;
}
