import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
} from './nest.js';
import { metrics } from '@opentelemetry/api';

const meter = metrics.getMeter('billing');

const requestDuration = meter.createHistogram('app.billing.request.duration', {
  unit: 's',
  description: 'Duration of the HTTP requests handled by this module.',
});

const requestCount = meter.createCounter('app.billing.requests', {
  unit: '{request}',
  description: 'HTTP requests handled by this module.',
});

// Read once at load: constant for the life of the process, never per request.
const metricAttributes = {
  environment: process.env.DEPLOYMENT_ENVIRONMENT ?? 'unknown',
  'service.version': process.env.SERVICE_VERSION ?? 'unknown',
};

// The attributes of one request's measurements: the method (_OTHER outside the HTTP standard), the
// route template (never the raw path), the status the client received (null: the connection closed
// first), and error.type on server errors only.
function requestAttributes(method: string | undefined, route: string, status: number | null) {
  const standard = ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'TRACE'];
  return {
    ...metricAttributes,
    'http.request.method': method !== undefined && standard.includes(method) ? method : '_OTHER',
    'http.route': route,
    ...(status === null
      ? { 'error.type': 'aborted' }
      : { 'http.response.status_code': status, ...(status >= 500 ? { 'error.type': String(status) } : {}) }),
  };
}

// The status Nest's default exception filter sends for an error: an HttpException's status, an
// http-errors error's statusCode, else 500.
function nestResponseStatus(err: unknown): number {
  return typeof err !== 'object' || err === null
    ? 500
    : 'getStatus' in err && typeof err.getStatus === 'function'
      ? Number(err.getStatus())
      : 'statusCode' in err && typeof err.statusCode === 'number' && 'message' in err && err.message
        ? err.statusCode
        : 500;
}

export interface CreateOrderDto {
  sku: string;
  quantity: number;
}

export interface Order extends CreateOrderDto {
  id: string;
}

export interface OrdersRepository {
  find(id: string): Promise<Order | undefined>;
  create(input: CreateOrderDto): Promise<Order>;
  remove(id: string): Promise<boolean>;
  count(): number;
}

@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersRepository) {}

  @Get(':id')
  async findOne(@Param('id') id: string): Promise<Order> {
    const requestStart = performance.now();
    let status = 200;
    try {
      const order = await this.orders.find(id);
      if (!order) throw new NotFoundException(`order ${id} not found`);
      return order;
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      const attributes = requestAttributes('GET', '/orders/:id', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  }

  @Post()
  async create(@Body() input: CreateOrderDto): Promise<Order> {
    const requestStart = performance.now();
    let status = 201;
    try {
      if (input.quantity <= 0) throw new BadRequestException('quantity must be positive');
      return await this.orders.create(input);
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      const attributes = requestAttributes('POST', '/orders', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param('id') id: string): Promise<void> {
    const requestStart = performance.now();
    let status: number = HttpStatus.NO_CONTENT;
    try {
      const removed = await this.orders.remove(id);
      if (!removed) throw new NotFoundException(`order ${id} not found`);
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      const attributes = requestAttributes('DELETE', '/orders/:id', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  }

  @Get('stats/count')
  count(): { count: number } {
    const requestStart = performance.now();
    let status = 200;
    try {
      return { count: this.orders.count() };
    } catch (err) {
      status = nestResponseStatus(err);
      throw err;
    } finally {
      const attributes = requestAttributes('GET', '/orders/stats/count', status);
      requestDuration.record((performance.now() - requestStart) / 1000, attributes);
      requestCount.add(1, attributes);
    }
  }
}
