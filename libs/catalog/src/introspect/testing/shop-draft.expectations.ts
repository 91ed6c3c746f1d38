import { CatalogLoader } from '../../catalog-loader';
import type { IntrospectedCatalog } from '../catalog.introspector';

/**
 * What every engine's draft of the shop schema (shop-schema.fixture.ts) must hold. Comments are
 * read where the engine keeps them (not SQLite).
 */
export function expectShopDraft(drafted: IntrospectedCatalog, engine: { comments: boolean }): void {
  const { file, yaml, report } = drafted;
  const view = (name: string) => {
    const found = file.views.find((v) => v.name === name);
    if (!found) throw new Error(`no view ${name} in ${file.views.map((v) => v.name).join(', ')}`);
    return found;
  };
  const columns = (name: string) =>
    Object.fromEntries(view(name).columns.map((c) => [c.name, [c.source ?? c.name, c.type, c.role, c.agg].filter(Boolean).join(' ')]));

  expect(file.views.map((v) => [v.name, v.source ?? v.name]).sort()).toEqual(
    [
      ['archive', 'Archive'],
      ['customers', 'Customers'],
      ['group', 'Group'],
      ['order_lines', 'Order Lines'],
      ['orders', 'Orders'],
      ['products', 'Products'],
      ['reviews', 'Reviews'],
    ].sort(),
  );

  expect(columns('customers')).toEqual({
    customer_id: 'CustomerID integer id',
    full_name: 'Full Name string dimension',
    country: 'Country string dimension',
    signup_date: 'SignupDate date time',
    age: 'Age integer metric avg',
    birth_date: 'BirthDate date dimension',
  });
  expect(view('customers').row_key).toBe('customer_id');
  expect(view('customers').row_count).toBe(6);
  expect(view('customers').columns.find((c) => c.name === 'country')!.values!.map((v) => v.value)).toEqual(['Chile', 'France', 'Japan']);
  expect(view('customers').columns.find((c) => c.name === 'customer_id')!.label_column).toBe('full_name');
  if (engine.comments) {
    expect(view('customers').description).toBe('One row per customer');
    expect(view('customers').columns.find((c) => c.name === 'full_name')!.description).toBe('Name as printed on invoices');
  } else {
    expect(view('customers').description).toMatch(/^Customers \(drafted from table Customers/);
  }

  expect(columns('orders')).toEqual({
    order_id: 'OrderID integer id',
    customer_id: 'CustomerID integer id',
    referred_by_id: 'ReferredByID integer id',
    order_date: 'OrderDate date time',
    status: 'Status string dimension',
    total_amount: 'TotalAmount decimal metric sum',
  });
  expect(columns('products')).toMatchObject({ product_code: 'ProductCode string id', grosse: 'Größe string dimension', unit_price: 'UnitPrice decimal metric avg' });
  expect(columns('order_lines')).toEqual({
    order_id: 'OrderID integer id',
    line_no: 'LineNo integer id',
    product_code: 'ProductCode string id',
    qty: 'Qty integer metric sum',
  });
  expect(view('order_lines').row_key).toBeUndefined();
  expect(columns('reviews')).toEqual({
    review_id: 'ReviewID integer id',
    product_code: 'ProductCode string id',
    stars: 'Stars integer metric avg',
    review_text: 'ReviewText string text',
  });
  expect(columns('group')).toEqual({ key: 'Key integer id', select: 'Select string dimension' });
  expect(view('archive').row_count).toBe(0);
  expect(columns('archive')).toEqual({ archived_at: 'ArchivedAt timestamp dimension', note: 'Note string text' });
  // The view is a filtered copy of Orders: drafted, it would answer questions about orders with the big ones only.
  expect(report.leftOut.join('\n')).toMatch(/view \w+\.BigOrders: its columns are all in table Orders/);

  // Every view counts its rows, named as questions ask.
  for (const v of file.views) expect(v.virtual_columns[0]).toMatchObject({ expr: 'count(*)', role: 'metric' });
  expect(view('orders').virtual_columns[0].key).toBe('order_count');
  expect(view('orders').virtual_columns[0].aliases.en).toContain('how many orders');
  // No default range unless asked for: a drafted catalog reads all rows.
  expect(file.settings.default_range).toBeUndefined();

  const relationships = file.relationships.map((r) => `${r.name ?? r.to}: ${r.from}(${r.keys.map((k) => k.from).join(',')}) -> ${r.to}(${r.keys.map((k) => k.to).join(',')}) ${r.kind}`);
  expect(relationships.sort()).toEqual(
    [
      'customer: orders(customer_id) -> customers(customer_id) many_to_one',
      'referred_by: orders(referred_by_id) -> customers(customer_id) many_to_one',
      'orders: order_lines(order_id) -> orders(order_id) many_to_one',
      'products: order_lines(product_code) -> products(product_code) many_to_one',
      'reviews: reviews(product_code) -> products(product_code) many_to_one',
    ].sort(),
  );
  expect(report.relationships.filter((r) => r.origin === 'inferred').map((r) => r.path)).toEqual(['Reviews.ProductCode -> Products.ProductCode']);
  expect(report.leftOut.join('\n')).toMatch(/Group\.Say "hi": its name has a quote/);

  // What was drafted loads as a catalog, warehouse names and all.
  const catalog = new CatalogLoader().loadSources([{ file: 'shop.yaml', text: yaml }]);
  expect(catalog.view('order_lines')!.source).toBe('Order Lines');
  expect(catalog.column('customers', 'full_name')!.source).toBe('Full Name');
  expect(catalog.relationships).toHaveLength(5);
}
