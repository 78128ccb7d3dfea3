export interface Product {
  sku: string;
  name: string;
}

export interface CatalogDb {
  findProduct(sku: string): Promise<Product | undefined>;
  listProducts(category: string): Promise<Product[]>;
}
