import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from './nest.js';

export interface Cat {
  name: string;
  age: number;
}

export interface CatsService {
  findAll(): Promise<Cat[]>;
  cached(): Cat[];
  findOne(name: string): Promise<Cat | undefined>;
  recent(fresh: boolean): Cat[] | Promise<Cat[]>;
  create(cat: Cat): Promise<Cat>;
}

// The shapes Nest's CLI generates: methods that are not async and return what the service returns.
@Controller('cats')
export class CatsController {
  constructor(private readonly catsService: CatsService) {}

  @Get()
  findAll() {
    return this.catsService.findAll();
  }

  @Get('cached')
  cached() {
    return this.catsService.cached();
  }

  @Get('recent')
  recent(): Cat[] | Promise<Cat[]> {
    return this.catsService.recent(false);
  }

  @Get(':name')
  findOne(@Param('name') name: string): Promise<Cat> {
    if (name.length > 20) throw new BadRequestException('name too long');
    return this.catsService.findOne(name).then((cat) => {
      if (!cat) throw new NotFoundException(`cat ${name} not found`);
      return cat;
    });
  }

  @Post()
  @HttpCode(202)
  create(@Body() cat: Cat): Promise<Cat> {
    return this.catsService.create(cat);
  }

  @Get('names/count')
  count(): number {
    return this.catsService.cached().length;
  }
}
