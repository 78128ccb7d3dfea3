// src/routes/index.js: the API router, mounting the orders router (src/routes/orders.js) under /orders.
import { Router } from 'express';
import { ordersRouter } from './orders.js';

const router = Router();
router.use('/orders', ordersRouter);

export default router;
