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
    const order = await this.orders.find(id);
    if (!order) throw new NotFoundException(`order ${id} not found`);
    return order;
  }

  @Post()
  async create(@Body() input: CreateOrderDto): Promise<Order> {
    if (input.quantity <= 0) throw new BadRequestException('quantity must be positive');
    return this.orders.create(input);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param('id') id: string): Promise<void> {
    const removed = await this.orders.remove(id);
    if (!removed) throw new NotFoundException(`order ${id} not found`);
  }

  @Get('stats/count')
  count(): { count: number } {
    return { count: this.orders.count() };
  }
}
