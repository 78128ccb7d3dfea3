import * as api from '@opentelemetry/api';
import express from 'express';

const meter = api.metrics.getMeter('payments');
const paymentDuration = meter.createHistogram('app.payments.request.duration', { unit: 's' });

export const router = express.Router();

export async function refund(req, res) {
  const status = await req.app.locals.payments.refund(req.params.paymentId);
  res.status(status === 'queued' ? 202 : 200).json({ status });
}

router.post('/payments/:paymentId/refund', refund);

router.all('/payments/ping', (req, res) => res.send('pong'));
