import { CatalogLoader } from '../../catalog-loader';
import type { IntrospectedCatalog } from '../catalog.introspector';

/**
 * The facts of a draft of the shop schema (shop-schema.fixture.ts) that every engine must get
 * right, in a form one toEqual compares with expectedShopDraft: which views, their columns as
 * `source type role agg`, keys, enum values, descriptions, counts, relationships and what was left
 * out. The YAML is loaded as a catalog on the way, so a draft that does not load fails here.
 */
export function shopDraftSummary(drafted: IntrospectedCatalog): Record<string, unknown> {
  const { file, yaml, report } = drafted;
  const catalog = new CatalogLoader().loadSources([{ file: 'shop.yaml', text: yaml }]);
  const view = (name: string) => file.views.find((v) => v.name === name);
  const column = (v: string, c: string) => view(v)?.columns.find((x) => x.name === c);
  return {
    views: Object.fromEntries(
      file.views.map((v) => [v.name, { source: v.source ?? v.name, columns: Object.fromEntries(v.columns.map((c) => [c.name, [c.source ?? c.name, c.type, c.role, c.agg].filter(Boolean).join(' ')])) }]),
    ),
    rowKeys: Object.fromEntries(file.views.filter((v) => v.row_key).map((v) => [v.name, v.row_key])),
    rowCounts: { customers: view('customers')?.row_count, archive: view('archive')?.row_count },
    countries: column('customers', 'country')?.values?.map((v) => v.value),
    customerLabel: column('customers', 'customer_id')?.label_column,
    descriptions: { customers: view('customers')?.description, full_name: column('customers', 'full_name')?.description },
    counts: file.views.map((v) => `${v.name}: ${v.virtual_columns.map((c) => `${c.key} ${c.expr}`).join(', ')}`),
    orderCountAliases: view('orders')?.virtual_columns[0]?.aliases.en.includes('how many orders'),
    defaultRange: file.settings.default_range,
    relationships: file.relationships
      .map((r) => `${r.name ?? r.to}: ${r.from}(${r.keys.map((k) => k.from).join(',')}) -> ${r.to}(${r.keys.map((k) => k.to).join(',')}) ${r.kind}`)
      .sort(),
    inferred: report.relationships.filter((r) => r.origin === 'inferred').map((r) => r.path),
    leftOut: report.leftOut.map((l) => l.replace(/^(view )\w+\./, '$1').replace(/:.*/, '')).sort(),
    loaded: { orderLines: catalog.view('order_lines')?.source, fullName: catalog.column('customers', 'full_name')?.source, relationships: catalog.relationships.length },
  };
}

/** What shopDraftSummary gives for a right draft; comments are read where the engine keeps them (not SQLite). */
export function expectedShopDraft(engine: { comments: boolean }): Record<string, unknown> {
  return {
    views: {
      archive: { source: 'Archive', columns: { archived_at: 'ArchivedAt timestamp dimension', note: 'Note string text' } },
      customers: {
        source: 'Customers',
        columns: {
          customer_id: 'CustomerID integer id',
          full_name: 'Full Name string dimension',
          country: 'Country string dimension',
          signup_date: 'SignupDate date time',
          age: 'Age integer metric avg',
          birth_date: 'BirthDate date dimension',
        },
      },
      group: { source: 'Group', columns: { key: 'Key integer id', select: 'Select string dimension' } },
      order_lines: {
        source: 'Order Lines',
        columns: { order_id: 'OrderID integer id', line_no: 'LineNo integer id', product_code: 'ProductCode string id', qty: 'Qty integer metric sum' },
      },
      orders: {
        source: 'Orders',
        columns: {
          order_id: 'OrderID integer id',
          customer_id: 'CustomerID integer id',
          referred_by_id: 'ReferredByID integer id',
          order_date: 'OrderDate date time',
          status: 'Status string dimension',
          total_amount: 'TotalAmount decimal metric sum',
        },
      },
      products: {
        source: 'Products',
        columns: {
          product_code: 'ProductCode string id',
          product_name: 'ProductName string dimension',
          category: 'Category string dimension',
          grosse: 'Größe string dimension',
          unit_price: 'UnitPrice decimal metric avg',
        },
      },
      reviews: {
        source: 'Reviews',
        columns: { review_id: 'ReviewID integer id', product_code: 'ProductCode string id', stars: 'Stars integer metric avg', review_text: 'ReviewText string text' },
      },
    },
    // Order Lines has a composite key, Group and Archive none: no row_key for them.
    rowKeys: { customers: 'customer_id', orders: 'order_id', products: 'product_code', reviews: 'review_id' },
    rowCounts: { customers: 6, archive: 0 },
    countries: ['Chile', 'France', 'Japan'],
    customerLabel: 'full_name',
    descriptions: engine.comments
      ? { customers: 'One row per customer', full_name: 'Name as printed on invoices' }
      : {
          customers: 'Customers (drafted from table Customers; say what one row is)',
          full_name: 'Full name (drafted from Customers.Full Name)',
        },
    counts: [
      'archive: archive_count count(*)',
      'customers: customer_count count(*)',
      'group: group_count count(*)',
      'order_lines: order_line_count count(*)',
      'orders: order_count count(*)',
      'products: product_count count(*)',
      'reviews: review_count count(*)',
    ],
    orderCountAliases: true,
    // No default range unless asked for: a drafted catalog reads all rows.
    defaultRange: undefined,
    relationships: [
      'customer: orders(customer_id) -> customers(customer_id) many_to_one',
      'orders: order_lines(order_id) -> orders(order_id) many_to_one',
      'products: order_lines(product_code) -> products(product_code) many_to_one',
      'referred_by: orders(referred_by_id) -> customers(customer_id) many_to_one',
      'reviews: reviews(product_code) -> products(product_code) many_to_one',
    ],
    inferred: ['Reviews.ProductCode -> Products.ProductCode'],
    // A name with a quote cannot be a catalog source; BigOrders only copies columns of Orders.
    leftOut: ['Group.Say "hi"', 'view BigOrders'],
    loaded: { orderLines: 'Order Lines', fullName: 'Full Name', relationships: 5 },
  };
}
