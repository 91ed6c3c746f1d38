import { CatalogLoader, type Catalog } from '@chatbi/catalog';

/**
 * A small catalog with relationships for the LLM planner's specs: orders point at customers and
 * products (many to one), so from customers the orders are many rows each; customers also have a
 * time column, text and a row key, so a plan over them can take every shape.
 */
const STORE_YAML = `
version: 1
views:
  - name: orders
    description: one row per order line
    columns:
      - { name: order_day, type: date, role: time, description: day of the order }
      - { name: order_id, type: string, role: id, description: order }
      - { name: customer_id, type: string, role: id, description: who ordered }
      - { name: product_id, type: string, role: id, description: what was ordered }
      - { name: channel, type: string, role: dimension, description: sales channel, values: [{ value: web }, { value: store }] }
      - { name: amount, type: decimal, role: metric, agg: sum, description: order value }
  - name: customers
    description: one row per customer
    row_key: customer_id
    columns:
      - { name: customer_id, type: string, role: id, description: customer }
      - { name: signup_day, type: date, role: time, description: day the customer signed up }
      - { name: name, type: string, role: dimension, description: customer name }
      - { name: age, type: integer, role: dimension, description: age in years }
      - { name: country, type: string, role: dimension, description: country, values: [{ value: fr }, { value: de }] }
      - { name: note, type: string, role: text, description: free-text note about the customer }
  - name: products
    description: one row per product
    columns:
      - { name: product_id, type: string, role: id, description: product }
      - { name: category, type: string, role: dimension, description: product category, values: [{ value: books }, { value: games }] }
      - { name: price, type: decimal, role: metric, agg: avg, description: list price }
relationships:
  - { name: buyer, from: orders, to: customers, keys: [{ from: customer_id, to: customer_id }] }
  - { from: orders, to: products, keys: [{ from: product_id, to: product_id }] }
`;

export function storeCatalog(): Catalog {
  return new CatalogLoader().loadSources([{ file: 'store.yaml', text: STORE_YAML }]);
}
